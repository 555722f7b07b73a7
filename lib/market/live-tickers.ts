// The ticker read while the market stream is healthy: the stream's prices, with the 24 h change
// carried from the last REST ticker the gate holds (./tickers.ts). No exchange call.
import "server-only";
import { getGate } from "@/lib/limiter/instance";
import { cacheKeyOf } from "@/lib/limiter/cache";
import type { Freshness } from "@/lib/limiter";
import type { TickerLike } from "@/lib/money/valuation";
import type { MarketStream } from "./stream";
import { tickersFromStream, type StreamTicker } from "./tickers";

export async function liveTickers(stream: MarketStream): Promise<Freshness<StreamTicker[]> & { live: true }> {
  const last = await getGate()
    .cache.get(cacheKeyOf("public", "tickers"))
    .catch(() => null);
  const data = tickersFromStream(stream.book.all(), (last?.data as TickerLike[] | undefined) ?? null);
  // Healthy means current as of now (a quiet market sends heartbeats, not prices).
  return { data, fetchedAt: new Date().toISOString(), source: "live", live: true };
}
