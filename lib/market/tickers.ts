// Tickers as the ticker read path serves them while the stream is healthy: the stream's last
// prices in the REST ticker's shape. The 24 h change: Bitpanda Pro's stream sends it; Fast's
// PRICE_TICKS don't, so it is carried from the last REST ticker Keydesk read (the gate's cache,
// never a new call): that ticker's price and change give the price 24 h before it, and the
// change is the live price against that. Without one, the change is left out (shown as "—").
import Decimal from "decimal.js";
import type { TickerLike } from "@/lib/money/valuation";
import type { PriceUpdate } from "./wire";

export interface StreamTicker extends TickerLike {
  time: string;
}

export function tickersFromStream(
  prices: readonly PriceUpdate[],
  lastRest: readonly TickerLike[] | null,
): StreamTicker[] {
  const rest = new Map((lastRest ?? []).map((t) => [t.instrument_code, t]));
  return prices.map((p) => {
    const out: StreamTicker = {
      instrument_code: p.instrument,
      last_price: p.price,
      time: new Date(p.timeMs).toISOString(),
    };
    if (p.changePct !== undefined) return { ...out, price_change_percentage: p.changePct };
    const r = rest.get(p.instrument);
    if (r?.price_change_percentage) {
      const before = new Decimal(r.last_price).div(new Decimal(r.price_change_percentage).div(100).add(1));
      if (before.gt(0))
        out.price_change_percentage = new Decimal(p.price).div(before).sub(1).mul(100).toDecimalPlaces(2).toString();
    }
    return out;
  });
}
