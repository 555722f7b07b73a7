"use client";
// A key's portfolio (balances valued in EUR on the server, exact decimals) from
// /api/keys/:id/portfolio: the Overview and Balances panels read the same one.
import type { Portfolio } from "@/lib/proxy/portfolio";
import { useExchange, type Initial } from "./use-exchange";

export function usePortfolio(keyId: string, initial?: Initial<Portfolio>) {
  return useExchange<Portfolio>(`/api/keys/${keyId}/portfolio`, { refreshInterval: 30_000, initial });
}
