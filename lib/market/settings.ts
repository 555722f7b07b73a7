// The market stream's settings, from the validated env: the streaming URL for the dialect in use
// (the Fast host is not settled, lib/exchange/WEBSOCKET.md §1: a setting, defaulting to the docs' host), the
// simulator's WebSocket when the exchange is on loopback, and the limits.
import "server-only";
import type { Env } from "@/lib/env";
import type { Dialect } from "@/lib/exchange/dialect";

export const PRODUCTION_WS_URL: Record<Dialect, string> = {
  "onetrading-fast": "wss://streams.onetrading.com",
  "bitpanda-pro": "wss://streams.exchange.bitpanda.com",
};

function loopback(url: string): string | null {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
    return host === "localhost" || host === "::1" || host.startsWith("127.") ? host : null;
  } catch {
    return null;
  }
}

/** The WebSocket URL prices are read from under `dialect`. */
export function marketStreamUrl(env: Env, dialect: Dialect): string {
  const set = dialect === "onetrading-fast" ? env.MARKET_WS_URL_FAST : env.MARKET_WS_URL_BITPANDA;
  if (set) return set;
  const host = loopback(env.EXCHANGE_BASE_URL);
  if (host) {
    // The simulator serves both dialects on one port; the path picks one.
    const path = dialect === "onetrading-fast" ? "/fast" : "/bitpanda";
    return `ws://${host.includes(":") ? `[${host}]` : host}:${env.SIMULATOR_WS_PORT}${path}`;
  }
  return PRODUCTION_WS_URL[dialect];
}
