// Allocation by currency from valued balances: shares of the EUR total, largest first, the
// tail folded into "Other". Percentages are for display; the exact values stay decimal strings.
import Decimal from "decimal.js";

/** Slice colours, shared by the chart and its text legend so they always match. */
export const ALLOCATION_COLOURS = [
  "#0369a1",
  "#059669",
  "#d97706",
  "#7c3aed",
  "#db2777",
  "#0891b2",
  "#65a30d",
  "#dc2626",
  "#4f46e5",
  "#64748b",
] as const;

export interface Slice {
  currency: string;
  valueEur: string;
  pct: string;
}

export function allocation(rows: readonly { currency: string; valueEur: string | null }[], maxSlices = 6): Slice[] {
  const valued = rows.filter((r) => r.valueEur && new Decimal(r.valueEur).gt(0)) as {
    currency: string;
    valueEur: string;
  }[];
  const total = valued.reduce((s, r) => s.add(r.valueEur), new Decimal(0));
  if (total.isZero()) return [];
  const sorted = [...valued].sort((a, b) => new Decimal(b.valueEur).cmp(a.valueEur));
  const head = sorted.slice(0, maxSlices - 1);
  const tail = sorted.slice(maxSlices - 1);
  const slices = head.map((r) => ({ currency: r.currency, valueEur: r.valueEur }));
  if (tail.length === 1) slices.push({ currency: tail[0]!.currency, valueEur: tail[0]!.valueEur });
  else if (tail.length > 1)
    slices.push({ currency: "Other", valueEur: tail.reduce((s, r) => s.add(r.valueEur), new Decimal(0)).toFixed(2) });
  return slices.map((s) => ({ ...s, pct: new Decimal(s.valueEur).div(total).mul(100).toFixed(1) }));
}
