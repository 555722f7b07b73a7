// The process's exchange client, pointed at EXCHANGE_BASE_URL (the simulator by default) and
// speaking the dialect EXCHANGE_API or the URL's path names (lib/exchange/dialect.ts). The gate
// owns it (./instance.ts) and hands it to each read and call it lets through; the lint rules let
// nothing outside lib/limiter import it. It follows the settings: when they change (tests
// reset them), the next call gets a client for the new address and the old one is closed.
import "server-only";
import { exchangeClientConfig } from "@/lib/env";
import { createExchangeClient, type ExchangeClient } from "@/lib/exchange/client";

let current: { client: ExchangeClient; settings: string } | undefined;

export function getExchangeClient(): ExchangeClient {
  const config = exchangeClientConfig();
  const settings = `${config.baseUrl}|${config.dialect}|${config.timeoutMs}`;
  if (current?.settings !== settings) {
    const old = current?.client;
    current = { client: createExchangeClient(config), settings };
    void old?.close().catch(() => undefined);
  }
  return current.client;
}

/** Closes the process's client and its keep-alive connections (tests); the next call opens a new one. */
export async function closeExchangeClient(): Promise<void> {
  const open = current?.client;
  current = undefined;
  await open?.close();
}
