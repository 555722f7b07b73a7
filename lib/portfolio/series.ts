// Value over time from stored snapshots, and the change over a range split (approximately) into
// what came from prices and what came from balance changes. Between two consecutive snapshots,
// price effect = Σ previous amount × (price now − price before); the balance effect is the rest
// of the change (trades, deposits, withdrawals valued at snapshot prices). Summed over the
// range, the two add up to the change exactly. Safe on the client: no server imports.
import Decimal from "decimal.js";

import type { Range } from "./ranges";

export { RANGES, parseRange, type Range } from "./ranges";

const RANGE_MS: Record<Exclude<Range, "all">, number> = {
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
  "30d": 30 * 86_400_000,
  "1y": 365 * 86_400_000,
};

export function rangeStart(range: Range, now: Date): Date | null {
  return range === "all" ? null : new Date(now.getTime() - RANGE_MS[range]);
}

export interface StoredPoint {
  at: Date;
  totalEur: string;
  rows: { currency: string; amount: string; priceEur: string | null }[];
  /** The stored price effect since the key's previous snapshot (the database sets it on insert,
   * and downsampling folds removed points' effects into it). When given, it is used instead of
   * recomputing from the rows, so the sum over a range survives downsampling. */
  priceEffectEur?: string | null;
}

export interface Change {
  changeEur: string;
  changePct: string | null;
  priceEffectEur: string;
  balanceEffectEur: string;
}

export function changeOver(points: readonly StoredPoint[]): Change | null {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last || points.length < 2) return null;
  const change = new Decimal(last.totalEur).sub(first.totalEur);
  let priceEffect = new Decimal(0);
  for (let i = 1; i < points.length; i++) {
    const stored = points[i]!.priceEffectEur;
    if (stored !== undefined) {
      priceEffect = priceEffect.add(stored ?? "0");
      continue;
    }
    const before = new Map(points[i - 1]!.rows.map((r) => [r.currency, r]));
    for (const r of points[i]!.rows) {
      const b = before.get(r.currency);
      if (!b?.priceEur || !r.priceEur) continue;
      priceEffect = priceEffect.add(new Decimal(b.amount).mul(new Decimal(r.priceEur).sub(b.priceEur)));
    }
  }
  const price = priceEffect.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const base = new Decimal(first.totalEur);
  return {
    changeEur: change.toFixed(2),
    changePct: base.isZero() ? null : change.div(base).mul(100).toFixed(2),
    priceEffectEur: price.toFixed(2),
    balanceEffectEur: change.sub(price).toFixed(2),
  };
}

/** A share of a change in percent of the starting value (what a hidden-amount reader sees). */
export function pctOf(part: string, base: string): string | null {
  const b = new Decimal(base);
  return b.isZero() ? null : new Decimal(part).div(b).mul(100).toFixed(2);
}
