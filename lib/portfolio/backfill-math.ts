// The pure maths of a key's backfill: which UTC days to rebuild, each trade's effect on
// the balances (fees included), and the walk backwards from the current balances to each day's
// close. Exact (decimal.js). Deposits and withdrawals are invisible to a Read key's trade list,
// so the walk assumes there were none: the rebuilt values are approximate. Safe anywhere.
import Decimal from "decimal.js";

export const DAY_MS = 86_400_000;
/** How far back a backfill reaches. */
export const BACKFILL_DAYS = 90;

/** The last millisecond of the UTC day `t` falls in (a daily candle's `time`, lib/exchange/REFERENCE.md §4). */
export function dayEndOf(t: number): number {
  return Math.floor(t / DAY_MS) * DAY_MS + DAY_MS - 1;
}

/**
 * The ends of the UTC days to rebuild, newest first: up to `maxDays` whole days before `now`'s
 * day, each ending before `before` (the key's first stored snapshot, when it has one: rebuilt
 * points only ever come before real ones).
 */
export function backfillDayEnds(now: number, before: number | null, maxDays = BACKFILL_DAYS): number[] {
  const out: number[] = [];
  const limit = Math.min(now, before ?? Infinity);
  for (let n = 1; n <= maxDays; n++) {
    const end = dayEndOf(now) - n * DAY_MS;
    if (end < limit) out.push(end);
  }
  return out;
}

/** The from–to windows (inclusive, ms) that cover [from, to] newest first, each at most `windowMs` wide. */
export function tradeWindows(from: number, to: number, windowMs: number): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  for (let end = to; end >= from; end -= windowMs) out.push({ from: Math.max(from, end - windowMs + 1), to: end });
  return out;
}

export interface WalkTrade {
  instrument_code: string;
  side: "BUY" | "SELL";
  amount: string;
  price: string;
  /** ms since the epoch */
  time: number;
  fee_amount: string;
  fee_currency: string;
}

/**
 * What one trade did to the balances, by currency: a BUY adds the base amount and pays amount ×
 * price in the quote currency (rounded half-up to the quote's precision, as the exchange books
 * it); a SELL the reverse; the fee leaves its own currency. A perpetual's trade (BTC_EUR_P) moves
 * no spot balance and is left out (empty map).
 */
export function tradeEffect(t: WalkTrade, quotePrecision: number): Map<string, Decimal> {
  const parts = t.instrument_code.split("_");
  const out = new Map<string, Decimal>();
  if (parts.length !== 2) return out;
  const [base, quote] = parts as [string, string];
  const amount = new Decimal(t.amount);
  const cost = amount.mul(t.price).toDecimalPlaces(quotePrecision, Decimal.ROUND_HALF_UP);
  const add = (c: string, d: Decimal) => out.set(c, (out.get(c) ?? new Decimal(0)).add(d));
  add(base, t.side === "BUY" ? amount : amount.neg());
  add(quote, t.side === "BUY" ? cost.neg() : cost);
  add(t.fee_currency, new Decimal(t.fee_amount).neg());
  return out;
}

/**
 * Each day's closing balances, walking back from `current` (the balances at `asOf`): a day's
 * close is the current balances less every trade after the day's end and up to `asOf`.
 * `dayEnds` newest first; the result is in the same order. Currencies that end at zero stay
 * (their rows are dropped at valuation).
 *
 * No balance goes below zero. The walk can only undo trades: a Read key sees no deposits or
 * withdrawals before the first snapshot, and an unseen withdrawal makes the walk too low (an
 * unseen deposit, too high). A walk below zero has crossed such a withdrawal; the balance stays
 * at zero from there back, as if the withdrawal came just after that point. That is never
 * further from the truth than the negative amount (a balance is never negative), and the
 * earlier trades then apply to what the account could have held. The page says these values
 * are approximate for that reason.
 */
export function walkBack(
  current: ReadonlyMap<string, Decimal>,
  asOf: number,
  trades: readonly WalkTrade[],
  dayEnds: readonly number[],
  quotePrecision: (instrument: string) => number,
): { dayEnd: number; balances: Map<string, Decimal> }[] {
  const newest = [...trades].filter((t) => t.time <= asOf).sort((a, b) => b.time - a.time);
  const bal = new Map(current);
  const out: { dayEnd: number; balances: Map<string, Decimal> }[] = [];
  let i = 0;
  for (const end of dayEnds) {
    for (; i < newest.length && newest[i]!.time > end; i++) {
      const t = newest[i]!;
      for (const [c, d] of tradeEffect(t, quotePrecision(t.instrument_code)))
        bal.set(c, Decimal.max(0, (bal.get(c) ?? new Decimal(0)).sub(d)));
    }
    out.push({ dayEnd: end, balances: new Map(bal) });
  }
  return out;
}

/** Candle closes by instrument, as the tickers a day's valuation uses (lib/money/valuation.ts). */
export function closesAt(
  closes: ReadonlyMap<string, ReadonlyMap<number, string>>,
  dayEnd: number,
): { instrument_code: string; last_price: string }[] {
  const out: { instrument_code: string; last_price: string }[] = [];
  for (const [code, byEnd] of closes) {
    const close = byEnd.get(dayEnd);
    if (close !== undefined) out.push({ instrument_code: code, last_price: close });
  }
  return out;
}
