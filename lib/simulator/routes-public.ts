// Public endpoints (no key): time, currencies, instruments, fees, tickers, order book, candles.
import Decimal from "decimal.js";
import {
  CURRENCIES,
  FEE_TIERS,
  INSTRUMENTS,
  INSTRUMENT_BY_CODE,
  instrumentJson,
  tickerFor,
  type InstrumentDef,
} from "./market";
import { SimError } from "./errors";
import type { SimState } from "./state";

const UNIT_MS: Record<string, number> = {
  MINUTES: 60_000,
  HOURS: 3_600_000,
  DAYS: 86_400_000,
  WEEKS: 7 * 86_400_000,
  MONTHS: 30 * 86_400_000,
};
const PERIODS: Record<string, number[]> = {
  MINUTES: [1, 5, 15, 30],
  HOURS: [1, 4],
  DAYS: [1],
  WEEKS: [1],
  MONTHS: [1],
};
const MAX_CANDLES = 1500;

function instrument(code: string | undefined) {
  const inst = code ? INSTRUMENT_BY_CODE.get(code) : undefined;
  if (!inst) throw new SimError(400, "INVALID_INSTRUMENT_CODE");
  return inst;
}

export function publicRoute(state: SimState, segments: string[], q: URLSearchParams): unknown {
  const now = state.now();
  const [head, arg] = segments;
  switch (head) {
    case "time":
      return { iso: new Date(now).toISOString(), epoch_millis: now };
    case "currencies":
      return CURRENCIES.map((c) => ({ code: c.code, precision: c.precision }));
    case "instruments":
      return INSTRUMENTS.map(instrumentJson);
    case "fees":
      return [
        {
          fee_group_id: "default",
          display_text: "The standard fee plan.",
          fee_tiers: FEE_TIERS,
          fee_discount_rate: "25.0",
          minimum_price_value: "0.12",
        },
      ];
    case "market-ticker":
      return arg
        ? tickerFor(state.market, instrument(arg), now)
        : INSTRUMENTS.map((i) => tickerFor(state.market, i, now));
    case "order-book": {
      const inst = instrument(arg);
      const level = q.get("level") ?? "3";
      if (!["1", "2", "3"].includes(level)) throw new SimError(400, "INVALID_ORDER_BOOK_LEVEL");
      const depth = q.get("depth") === null ? 20 : Number(q.get("depth"));
      if (!Number.isInteger(depth) || depth < 1 || depth > 500) throw new SimError(400, "INVALID_ORDER_BOOK_DEPTH");
      const t = tickerFor(state.market, inst, now);
      const tick = new Decimal(1).div(new Decimal(10).pow(inst.marketPrecision));
      const side = (start: string, dir: 1 | -1) =>
        Array.from({ length: level === "1" ? 1 : depth }, (_, n) => ({
          price: new Decimal(start).add(tick.mul(n * dir * 3)).toFixed(inst.marketPrecision),
          amount: new Decimal(1 + ((n * 7919) % 13))
            .div(new Decimal(10).pow(Math.min(inst.amountPrecision, 2)))
            .toFixed(inst.amountPrecision),
          ...(level === "3"
            ? { order_id: `${inst.code.toLowerCase()}-${dir > 0 ? "a" : "b"}-${n}` }
            : { number_of_orders: 1 + (n % 4) }),
        }));
      const asks = side(t.best_ask, 1);
      const bids = side(t.best_bid, -1);
      return {
        instrument_code: inst.code,
        time: new Date(now).toISOString(),
        ...(level === "1" ? { asks: { value: asks[0] }, bids: { value: bids[0] } } : { asks, bids }),
      };
    }
    case "candlesticks":
      return candles(state, instrument(arg), q);
    default:
      throw new SimError(404, "NOT_FOUND");
  }
}

/** Candles for an instrument (both dialects; Fast wraps them and allows more per request). */
export function candles(state: SimState, inst: InstrumentDef, q: URLSearchParams, maxCandles = MAX_CANDLES) {
  const now = state.now();
  const unit = q.get("unit");
  const periodRaw = q.get("period");
  if (unit === null) throw new SimError(400, "MISSING_CANDLESTICKS_UNIT_PARAM");
  if (periodRaw === null) throw new SimError(400, "MISSING_CANDLESTICKS_PERIOD_PARAM");
  if (!UNIT_MS[unit]) throw new SimError(400, "INVALID_CANDLESTICKS_UNIT");
  const period = Number(periodRaw);
  if (!PERIODS[unit]!.includes(period)) throw new SimError(400, "INVALID_CANDLESTICKS_GRANULARITY");
  if (q.get("from") === null) throw new SimError(400, "MISSING_FROM_PARAM");
  if (q.get("to") === null) throw new SimError(400, "MISSING_TO_PARAM");
  const from = Date.parse(q.get("from")!);
  const to = Date.parse(q.get("to")!);
  if (!Number.isFinite(from) || !Number.isFinite(to) || to < from) throw new SimError(400, "INVALID_TIME_RANGE");
  const size = UNIT_MS[unit]! * period;
  if ((to - from) / size > maxCandles) throw new SimError(400, "CANDLESTICKS_TIME_RANGE_TOO_BIG");
  const out = [];
  for (
    let start = Math.floor(from / size) * size;
    start + size <= Math.min(to, now) + size && start < to;
    start += size
  ) {
    // Open and close are the market price (the one tickers and fills use) at the candle's first
    // and last moment, or now for the candle still open; high and low take in a smoothed look
    // at the period between them. So a day's close is what the ticker said as the day ended.
    const last = Math.min(start + size - 1, now);
    const open = state.market.price(inst, start);
    const close = state.market.price(inst, last);
    const inner = [0.25, 0.5, 0.75]
      .map((f) => start + f * (size - 1))
      .filter((t) => t < last)
      .map((t) => state.market.price(inst, t, Math.max(10_000, size / 4)));
    const pts = [open, ...inner, close];
    const high = Decimal.max(...pts);
    const low = Decimal.min(...pts);
    const vol = new Decimal((start / size) % 97).add(3);
    out.push({
      instrument_code: inst.code,
      granularity: { unit, period },
      high: high.toFixed(inst.marketPrecision),
      low: low.toFixed(inst.marketPrecision),
      open: open.toFixed(inst.marketPrecision),
      close: close.toFixed(inst.marketPrecision),
      total_amount: vol.toFixed(inst.amountPrecision),
      volume: vol.mul(close).toFixed(2),
      time: new Date(start + size - 1).toISOString(),
      last_sequence: Math.floor(start / 1000),
    });
  }
  return out;
}
