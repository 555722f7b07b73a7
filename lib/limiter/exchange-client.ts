// The process's exchange client, pointed at EXCHANGE_BASE_URL (the simulator by default) and
// speaking the dialect EXCHANGE_API or the URL's path names (lib/exchange/dialect.ts). It lives
// with the gate: the lint rules let only the gate's road to the exchange import it.
import "server-only";
import { getEnv, getExchangeDialect } from "@/lib/env";
import { createExchangeClient, type ExchangeClient } from "@/lib/exchange/client";
import type { Dialect } from "@/lib/exchange/dialect";

let client: ExchangeClient | undefined;

/** Where and how this process talks to the exchange: the read client and the one write (cancel-all) use it. */
export function exchangeClientConfig(): { baseUrl: string; dialect: Dialect; timeoutMs: number } {
  const env = getEnv();
  return { baseUrl: env.EXCHANGE_BASE_URL, dialect: getExchangeDialect(), timeoutMs: env.EXCHANGE_TIMEOUT_MS };
}

export function getExchangeClient(): ExchangeClient {
  client ??= createExchangeClient(exchangeClientConfig());
  return client;
}

/** Closes the process's client and its keep-alive connections (tests); the next call opens a new one. */
export async function closeExchangeClient(): Promise<void> {
  const open = client;
  client = undefined;
  await open?.close();
}
