// The process's exchange client, pointed at EXCHANGE_BASE_URL (the simulator by default).
import "server-only";
import { getEnv } from "@/lib/env";
import { createExchangeClient, type ExchangeClient } from "./client";

let client: ExchangeClient | undefined;

export function getExchangeClient(): ExchangeClient {
  client ??= createExchangeClient({ baseUrl: getEnv().EXCHANGE_BASE_URL, timeoutMs: getEnv().EXCHANGE_TIMEOUT_MS });
  return client;
}

/** Closes the process's client and its keep-alive connections (tests); the next call opens a new one. */
export async function closeExchangeClient(): Promise<void> {
  const open = client;
  client = undefined;
  await open?.close();
}
