// Fast's public endpoints (no key): time, currencies and instruments with Fast's extra
// fields (perpetuals included), SPOT/FUTURES fee groups, tickers with highest_bid/lowest_ask,
// order books by `depth` with nanosecond times, candlesticks wrapped in {status, candlesticks}.
import Decimal from "decimal.js";
import {
  ANY_INSTRUMENT_BY_CODE,
  CURRENCIES,
  CURRENCY_PRECISION,
  FEE_TIERS,
  INSTRUMENTS,
  PERP_INSTRUMENTS,
  bookSide,
  tickerFor,
  type InstrumentDef,
} from "../market";
import { SimError } from "../errors";
import { candles as candlesFor } from "../routes-public";
import { RawJson } from "./format";
import { parseFastTime } from "./queries";
import type { SimState } from "../state";

const ALL = [...INSTRUMENTS, ...PERP_INSTRUMENTS];
const ASSET_IDS: Record<string, { id: number; name: string; collateral: string }> = {
  EUR: { id: 2790, name: "Euro", collateral: "100" },
  USDT: { id: 825, name: "Tether", collateral: "95" },
  BTC: { id: 1, name: "Bitcoin", collateral: "90" },
  ETH: { id: 1027, name: "Ethereum", collateral: "85" },
  XRP: { id: 52, name: "XRP", collateral: "0" },
  BEST: { id: 3405, name: "Bitpanda Ecosystem Token", collateral: "0" },
  PAN: { id: 6937, name: "Pantos", collateral: "0" },
  MIOTA: { id: 1720, name: "IOTA", collateral: "0" },
};
const DEPTHS = new Set([1, 2, 4, 8, 16]);
const MAX_CANDLES = 5000;
export const FAST_FEE_GROUPS = ["SPOT", "FUTURES"] as const;

function instrument(code: string | undefined): InstrumentDef {
  const inst = code ? ANY_INSTRUMENT_BY_CODE.get(code) : undefined;
  if (!inst) throw new SimError(400, "INVALID_INSTRUMENT_CODE");
  return inst;
}

/** Both groups use the engine's tier table (the fees the engine charges), at Fast's 4 decimals. */
export function fastFeeTiers(group: string) {
  return FEE_TIERS.map((t) => ({
    volume: t.volume,
    fee_group_id: group,
    maker_fee: new Decimal(t.maker_fee).toFixed(4),
    taker_fee: new Decimal(t.taker_fee).toFixed(4),
  }));
}

function fastInstrumentJson(inst: InstrumentDef) {
  const base = inst.underlying ?? inst.base;
  return {
    id: inst.code,
    type: inst.underlying ? "PERP" : "SPOT",
    state: "ACTIVE",
    base: { code: base, precision: CURRENCY_PRECISION.get(base) ?? 8 },
    quote: { code: inst.quote, precision: CURRENCY_PRECISION.get(inst.quote) ?? 8 },
    amount_precision: inst.amountPrecision,
    market_precision: inst.marketPrecision,
    min_size: inst.minSize,
    min_price: new Decimal(1).div(new Decimal(10).pow(inst.marketPrecision)).toFixed(inst.marketPrecision),
    max_price: new Decimal(inst.basePrice).mul(100).toFixed(inst.marketPrecision),
  };
}

function fastTicker(state: SimState, inst: InstrumentDef, now: number) {
  const { best_bid, best_ask, sequence, ...rest } = tickerFor(state.market, inst, now);
  return { ...rest, sequence: String(sequence), highest_bid: best_bid, lowest_ask: best_ask };
}

function orderBook(state: SimState, inst: InstrumentDef, q: URLSearchParams, now: number): RawJson {
  const raw = q.get("depth");
  const depth = raw === null ? 16 : Number(raw);
  if (!DEPTHS.has(depth)) throw new SimError(400, "INVALID_ORDER_BOOK_DEPTH");
  const t = tickerFor(state.market, inst, now);
  const side = (start: string, dir: 1 | -1) => bookSide(inst, start, dir, depth);
  // `time` is an integer of nanoseconds, beyond what a JS number holds exactly: written raw.
  const text = JSON.stringify({
    instrument_code: inst.code,
    time: "__TIME_NS__",
    asks: side(t.best_ask, 1),
    bids: side(t.best_bid, -1),
  });
  return new RawJson(text.replace('"__TIME_NS__"', `${now}000000`));
}

function candlesticks(state: SimState, inst: InstrumentDef, q: URLSearchParams, _now: number) {
  // countBack (Fast) stands in for `from`: that many candles back from `to`.
  const countBack = q.get("countBack");
  const params = new URLSearchParams(q);
  params.delete("countBack");
  for (const name of ["from", "to"]) {
    const v = params.get(name);
    if (v !== null) {
      const t = parseFastTime(v);
      if (t === undefined) throw new SimError(400, "INVALID_TIME_RANGE");
      params.set(name, new Date(t).toISOString());
    }
  }
  if (countBack !== null && params.get("from") === null && params.get("to") !== null) {
    const n = Number(countBack);
    const unitMs: Record<string, number> = {
      MINUTES: 60_000,
      HOURS: 3_600_000,
      DAYS: 86_400_000,
      WEEKS: 7 * 86_400_000,
      MONTHS: 30 * 86_400_000,
    };
    const size = (unitMs[params.get("unit") ?? ""] ?? 0) * Number(params.get("period") ?? 0);
    if (!Number.isInteger(n) || n < 1 || n > MAX_CANDLES) throw new SimError(400, "INVALID_QUERY");
    if (size > 0) params.set("from", new Date(Date.parse(params.get("to")!) - n * size).toISOString());
  }
  const candles = candlesFor(state, inst, params, MAX_CANDLES);
  return { status: "data", candlesticks: candles.map((c) => ({ ...c, last_sequence: String(c.last_sequence) })) };
}

export function fastPublicRoute(state: SimState, segments: string[], q: URLSearchParams): unknown {
  const now = state.now();
  const [head, arg] = segments;
  switch (head) {
    case "time":
      return { iso: new Date(now).toISOString(), epoch_millis: now };
    case "currencies":
      return CURRENCIES.map((c) => ({
        code: c.code,
        precision: c.precision,
        unified_cryptoasset_id: ASSET_IDS[c.code]?.id ?? 0,
        name: ASSET_IDS[c.code]?.name ?? c.code,
        collateral_percentage: ASSET_IDS[c.code]?.collateral ?? "0",
      }));
    case "instruments": {
      const type = q.get("type");
      if (type !== null && type !== "SPOT" && type !== "PERP") throw new SimError(400, "INVALID_QUERY");
      return ALL.map(fastInstrumentJson).filter((i) => type === null || i.type === type);
    }
    case "fees":
      return FAST_FEE_GROUPS.map((g) => ({
        fee_group_id: g,
        display_text: g === "SPOT" ? "Spot trading fees." : "Futures trading fees.",
        volume_currency: "EUR",
        fee_tiers: fastFeeTiers(g),
      }));
    case "market-ticker":
      return arg ? fastTicker(state, instrument(arg), now) : ALL.map((i) => fastTicker(state, i, now));
    case "order-book":
      return orderBook(state, instrument(arg), q, now);
    case "candlesticks":
      return candlesticks(state, instrument(arg), q, now);
    default:
      throw new SimError(404, "NOT_FOUND");
  }
}
