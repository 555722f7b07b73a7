"use client";
// A key's portfolio (balances valued in EUR on the server, exact decimals) from
// /api/keys/:id/portfolio: the Overview and Balances panels read the same one. While the tab's
// live stream (components/data/live-stream.ts) pushes this key's valuations, they replace the
// data as they come and nothing is polled; without pushes it polls as before.
import { useEffect, useState } from "react";
import type { Valuation } from "@/lib/reads/valuation";
import { followKey } from "@/components/data/live-stream";
import { useExchange, type Initial } from "./use-exchange";

export function useValuation(keyId: string, initial?: Initial<Valuation>) {
  const [live, setLive] = useState(false);
  const swr = useExchange<Valuation>(`/api/keys/${keyId}/portfolio`, {
    refreshInterval: live ? 0 : 30_000,
    initial,
    pushed: live,
  });
  const { mutate } = swr;
  useEffect(
    () =>
      followKey(
        keyId,
        (p) => {
          setLive(Boolean(p.live));
          void mutate(p, { revalidate: false });
        },
        () => setLive(false),
      ),
    [keyId, mutate],
  );
  return swr;
}
