// The process's exchange client, pointed at EXCHANGE_BASE_URL (the simulator by default) and
// speaking the dialect EXCHANGE_API or the URL's path names (./dialect.ts).
import "server-only";
import { getEnv } from "@/lib/env";
import { createExchangeClient, type ExchangeClient } from "./client";
import { DIALECT_TRAITS, resolveDialect, type Dialect, type DialectTraits } from "./dialect";

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

/** The dialect this process speaks (no client needed). */
export function getExchangeDialect(): Dialect {
  return resolveDialect(getEnv().EXCHANGE_BASE_URL, getEnv().EXCHANGE_API);
}

export function getDialectTraits(): DialectTraits {
  return DIALECT_TRAITS[getExchangeDialect()];
}

/** Closes the process's client and its keep-alive connections (tests); the next call opens a new one. */
export async function closeExchangeClient(): Promise<void> {
  const open = client;
  client = undefined;
  await open?.close();
}
