// The simulated market: currencies, instruments (with the exchange's precision and
// minimum-size rules) and tickers that move deterministically with the seed and time.
import Decimal from "decimal.js";
import { hashSeed } from "./rng";

export interface CurrencyDef {
  code: string;
  precision: number;
}
export interface InstrumentDef {
  code: string;
  base: string;
  quote: string;
  amountPrecision: number;
  marketPrecision: number;
  minSize: string; // minimum order value in quote currency
  basePrice: number;
  /** Perpetuals (One Trading Fast only): the underlying asset. Their ledger "base" is the
   *  contract code itself: a position is held as a balance in that code, fully collateralised. */
  underlying?: string;
}

export const CURRENCIES: CurrencyDef[] = [
  { code: "EUR", precision: 2 },
  { code: "USDT", precision: 2 },
  { code: "BTC", precision: 8 },
  { code: "ETH", precision: 8 },
  { code: "XRP", precision: 6 },
  { code: "BEST", precision: 8 },
  { code: "PAN", precision: 8 },
  { code: "MIOTA", precision: 6 },
];

// PAN only trades against BTC (valued via BTC); MIOTA has no market at all (no price).
export const INSTRUMENTS: InstrumentDef[] = [
  {
    code: "BTC_EUR",
    base: "BTC",
    quote: "EUR",
    amountPrecision: 5,
    marketPrecision: 2,
    minSize: "10.0",
    basePrice: 58_000,
  },
  {
    code: "ETH_EUR",
    base: "ETH",
    quote: "EUR",
    amountPrecision: 4,
    marketPrecision: 2,
    minSize: "10.0",
    basePrice: 2_900,
  },
  {
    code: "XRP_EUR",
    base: "XRP",
    quote: "EUR",
    amountPrecision: 1,
    marketPrecision: 4,
    minSize: "10.0",
    basePrice: 0.55,
  },
  {
    code: "BEST_EUR",
    base: "BEST",
    quote: "EUR",
    amountPrecision: 2,
    marketPrecision: 4,
    minSize: "10.0",
    basePrice: 0.32,
  },
  {
    code: "BTC_USDT",
    base: "BTC",
    quote: "USDT",
    amountPrecision: 5,
    marketPrecision: 2,
    minSize: "10.0",
    basePrice: 62_000,
  },
  {
    code: "ETH_BTC",
    base: "ETH",
    quote: "BTC",
    amountPrecision: 4,
    marketPrecision: 6,
    minSize: "0.0005",
    basePrice: 0.05,
  },
  {
    code: "PAN_BTC",
    base: "PAN",
    quote: "BTC",
    amountPrecision: 0,
    marketPrecision: 8,
    minSize: "0.0005",
    basePrice: 0.0000021,
  },
];

export const INSTRUMENT_BY_CODE = new Map(INSTRUMENTS.map((i) => [i.code, i]));

/** Perpetual futures, served only by the Fast dialect (codes end in `_P`). */
export const PERP_INSTRUMENTS: InstrumentDef[] = [
  {
    code: "BTC_EUR_P",
    base: "BTC_EUR_P",
    quote: "EUR",
    underlying: "BTC",
    amountPrecision: 4,
    marketPrecision: 2,
    minSize: "10.0",
    basePrice: 58_100,
  },
  {
    code: "ETH_EUR_P",
    base: "ETH_EUR_P",
    quote: "EUR",
    underlying: "ETH",
    amountPrecision: 3,
    marketPrecision: 2,
    minSize: "10.0",
    basePrice: 2_905,
  },
];
/** Every instrument the engine knows (spot and perpetuals), for fills, settling and formatting. */
export const ANY_INSTRUMENT_BY_CODE = new Map([...INSTRUMENTS, ...PERP_INSTRUMENTS].map((i) => [i.code, i]));
export const CURRENCY_PRECISION = new Map(CURRENCIES.map((c) => [c.code, c.precision]));

const DAY_MS = 86_400_000;
/** The walks start on this UTC day; earlier times take its value. */
const WALK_EPOCH_DAY = Math.floor(Date.UTC(2015, 0, 1) / DAY_MS);
/** Daily volatility of each asset's log price in EUR (EUR itself does not move). */
const ASSET_VOLATILITY: Record<string, number> = {
  BTC: 0.03,
  ETH: 0.035,
  XRP: 0.045,
  BEST: 0.04,
  PAN: 0.05,
  USDT: 0.001,
};
/** A weak daily pull back toward the instrument's base price, so years of walking stay plausible. */
const REVERSION = 0.01;

/** A standard normal draw from a seed string (Box–Muller on two hashes). */
function normalFrom(text: string): number {
  const u1 = (hashSeed(`${text}:a`) + 1) / 4_294_967_297;
  const u2 = hashSeed(`${text}:b`) / 4_294_967_296;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

// Each asset's walk, by seed: its log offset at the start of each day since the epoch, extended
// as later days are asked for (computed once per seed and asset).
const dailyWalks = new Map<string, number[]>();
function dayStartLog(seed: string, asset: string, day: number): number {
  const vol = ASSET_VOLATILITY[asset];
  const d = day - WALK_EPOCH_DAY;
  if (!vol || d <= 0) return 0;
  const key = `${seed}:${asset}`;
  let walk = dailyWalks.get(key);
  if (!walk) dailyWalks.set(key, (walk = [0]));
  while (walk.length <= d) {
    const prev = walk[walk.length - 1]!;
    walk.push(prev * (1 - REVERSION) + vol * normalFrom(`${seed}:walk:${asset}:${walk.length}`));
  }
  return walk[d]!;
}

// Within a day: an hourly random walk tied to zero at both ends of the day (a Brownian bridge),
// so the day's path is rough but meets the next day's start.
const bridges = new Map<string, number[]>();
function dayBridge(seed: string, asset: string, day: number): number[] {
  const key = `${seed}:${asset}:${day}`;
  const known = bridges.get(key);
  if (known) return known;
  const vol = (ASSET_VOLATILITY[asset] ?? 0) / Math.sqrt(24);
  const sums = [0];
  for (let h = 1; h <= 24; h++) sums.push(sums[h - 1]! + vol * normalFrom(`${seed}:hour:${asset}:${day}:${h}`));
  const bridge = sums.map((v, h) => v - (h / 24) * sums[24]!);
  if (bridges.size > 20_000) bridges.clear();
  bridges.set(key, bridge);
  return bridge;
}

/** An asset's log price offset at a time: the daily walk, interpolated, plus the day's hourly bridge. */
function assetLog(seed: string, asset: string, timeMs: number): number {
  if (!ASSET_VOLATILITY[asset]) return 0;
  const day = Math.floor(timeMs / DAY_MS);
  const intoDay = (timeMs - day * DAY_MS) / DAY_MS;
  const from = dayStartLog(seed, asset, day);
  const to = dayStartLog(seed, asset, day + 1);
  const hour = Math.min(23, Math.floor(intoDay * 24));
  const b = dayBridge(seed, asset, day);
  const inHour = intoDay * 24 - hour;
  return from + (to - from) * intoDay + b[hour]! + (b[hour + 1]! - b[hour]!) * inHour;
}

/**
 * Price of an instrument at a time: each asset follows a seeded random walk (daily steps with a
 * weak pull to its base price, an hourly bridge within the day), and an instrument's price is
 * its base asset's walk against its quote's, so BTC_EUR, BTC_USDT, ETH_BTC and the perpetuals
 * agree with each other; plus a tiny per-10-s wobble. A pure function of seed and time (the
 * same numbers on every run, for history as for live tickers).
 */
export function priceAt(seed: string, inst: InstrumentDef, timeMs: number, bucketMs = 10_000): Decimal {
  const bucket = Math.floor(timeMs / bucketMs);
  const t = bucket * bucketMs;
  const base = inst.underlying ?? inst.base;
  const log = assetLog(seed, base, t) - assetLog(seed, inst.quote, t);
  // Faster ticks (benchmarks) wobble less per tick, so the spread of a minute stays alike.
  const amplitude = bucketMs < 10_000 ? 0.0005 * Math.sqrt(bucketMs / 10_000) : 0.0005;
  const wobble = (((hashSeed(`${seed}:${inst.code}:${bucket}`) % 2001) - 1000) / 1000) * amplitude;
  return new Decimal(inst.basePrice)
    .mul(Math.exp(log) * (1 + wobble))
    .toDecimalPlaces(inst.marketPrecision, Decimal.ROUND_HALF_UP);
}

/**
 * Where prices come from: a bare seed (the seeded wave alone, as in history generation and the
 * engine's unit tests) or the running market (./live-market.ts: the seeded wave at its tick rate,
 * plus the control API's price moves). REST tickers, fills and the WebSocket all read the latter.
 */
export interface PriceSource {
  readonly seed: string;
  price(inst: InstrumentDef, timeMs: number): Decimal;
}

export function priceOf(source: string | PriceSource, inst: InstrumentDef, timeMs: number): Decimal {
  return typeof source === "string" ? priceAt(source, inst, timeMs) : source.price(inst, timeMs);
}

/** Best bid and ask around a last price: half a spread of 0.05 %, at least one price step. */
export function topOfBook(inst: InstrumentDef, last: Decimal): { bid: Decimal; ask: Decimal } {
  const spread = last.mul("0.0005").toDecimalPlaces(inst.marketPrecision, Decimal.ROUND_UP);
  const tick = new Decimal(1).div(new Decimal(10).pow(inst.marketPrecision));
  const half = Decimal.max(spread, tick);
  return { bid: last.sub(half), ask: last.add(half) };
}

/** The book's levels on one side, from the best price outwards (REST and WebSocket books). */
export function bookSide(inst: InstrumentDef, best: string, dir: 1 | -1, depth: number) {
  const tick = new Decimal(1).div(new Decimal(10).pow(inst.marketPrecision));
  return Array.from({ length: depth }, (_, n) => ({
    price: new Decimal(best).add(tick.mul(n * dir * 3)).toFixed(inst.marketPrecision),
    amount: new Decimal(1 + ((n * 7919) % 13))
      .div(new Decimal(10).pow(Math.min(inst.amountPrecision, 2)))
      .toFixed(inst.amountPrecision),
  }));
}

export function tickerFor(source: string | PriceSource, inst: InstrumentDef, nowMs: number) {
  const seed = typeof source === "string" ? source : source.seed;
  const last = priceOf(source, inst, nowMs);
  const dayAgo = priceOf(source, inst, nowMs - 86_400_000);
  const top = topOfBook(inst, last);
  let high = last;
  let low = last;
  for (let h = 1; h <= 24; h++) {
    const p = priceOf(source, inst, nowMs - h * 3_600_000);
    high = Decimal.max(high, p);
    low = Decimal.min(low, p);
  }
  const volume = new Decimal(hashSeed(`${seed}:${inst.code}:vol:${Math.floor(nowMs / 3_600_000)}`) % 5000).add(100);
  const fmt = (d: Decimal) => d.toFixed(inst.marketPrecision);
  return {
    instrument_code: inst.code,
    sequence: Math.floor(nowMs / 1000),
    time: new Date(nowMs).toISOString(),
    state: "ACTIVE",
    is_frozen: 0,
    quote_volume: volume.mul(last).toFixed(inst.marketPrecision),
    base_volume: volume.toFixed(inst.amountPrecision),
    last_price: fmt(last),
    best_bid: fmt(top.bid),
    best_ask: fmt(top.ask),
    price_change: fmt(last.sub(dayAgo)),
    price_change_percentage: last.sub(dayAgo).div(dayAgo).mul(100).toFixed(2),
    high: fmt(high),
    low: fmt(low),
  };
}

export function instrumentJson(inst: InstrumentDef) {
  return {
    state: "ACTIVE",
    base: { code: inst.base, precision: CURRENCY_PRECISION.get(inst.base) ?? 8 },
    quote: { code: inst.quote, precision: CURRENCY_PRECISION.get(inst.quote) ?? 8 },
    amount_precision: inst.amountPrecision,
    market_precision: inst.marketPrecision,
    min_size: inst.minSize,
  };
}

export const FEE_TIERS = [
  { volume: "0.0", maker_fee: "0.1", taker_fee: "0.15" },
  { volume: "100000.0", maker_fee: "0.08", taker_fee: "0.13" },
  { volume: "250000.0", maker_fee: "0.06", taker_fee: "0.11" },
  { volume: "1000000.0", maker_fee: "0.04", taker_fee: "0.09" },
].map((t) => ({ ...t, fee_group_id: "default" }));

export function activeFeeTier(volume: Decimal) {
  let tier = FEE_TIERS[0]!;
  for (const t of FEE_TIERS) if (volume.gte(t.volume)) tier = t;
  return tier;
}
