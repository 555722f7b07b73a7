// The process's exchange client, pointed at EXCHANGE_BASE_URL (the simulator by default) and
// speaking the dialect EXCHANGE_API or the URL's path names (lib/exchange/dialect.ts). The gate
// owns it (./instance.ts) and hands it to each read and call it lets through; the lint rules let
// nothing outside lib/limiter import it.
import "server-only";
import { exchangeClientConfig } from "@/lib/env";
import { createExchangeClient, type ExchangeClient } from "@/lib/exchange/client";

let client: ExchangeClient | undefined;

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
