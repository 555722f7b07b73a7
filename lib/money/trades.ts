// Exact money figures derived from trades: a trade's value, an order's average price, its fee
// total. Shared by the dashboard (order dialog, history) and the CSV export. decimal.js, never
// floats. Safe on the client: no server imports.
import Decimal from "decimal.js";
import type { TradeEntry } from "@/lib/exchange/schemas";

/** Wide enough that sums and products of exchange decimals are exact; toFixed() never uses an exponent. */
const D = Decimal.clone({ precision: 1000, rounding: Decimal.ROUND_HALF_EVEN });

/** Extra decimal places an average price keeps beyond the most precise trade price (division may not terminate). */
const AVERAGE_EXTRA_PLACES = 8;

function scale(decimal: string): number {
  const dot = decimal.indexOf(".");
  return dot < 0 ? 0 : decimal.length - dot - 1;
}

/** amount × price, exact, in plain notation ("0.1" × "0.2" → "0.02"). */
export function tradeValue(amount: string, price: string): string {
  return new D(amount).times(price).toFixed();
}

/**
 * Volume-weighted average price of the trades: Σ(amount × price) / Σ amount. Exact when the
 * division terminates within (most precise trade price + 8) decimal places, otherwise rounded
 * half-even to that many places. Null when there is nothing to average.
 */
export function averagePrice(trades: readonly TradeEntry[]): string | null {
  if (trades.length === 0) return null;
  let notional = new D(0);
  let amount = new D(0);
  let places = 0;
  for (const { trade } of trades) {
    notional = notional.plus(new D(trade.amount).times(trade.price));
    amount = amount.plus(trade.amount);
    places = Math.max(places, scale(trade.price));
  }
  if (amount.isZero()) return null;
  return notional
    .div(amount)
    .toDecimalPlaces(places + AVERAGE_EXTRA_PLACES, Decimal.ROUND_HALF_EVEN)
    .toFixed();
}

/**
 * Fees summed over the trades. With one fee currency: its exact total. With several (e.g. some
 * fees paid in BEST) a single total would be meaningless, so the total is left empty and the
 * currencies are listed ("BEST + EUR"); the trades export has the per-trade amounts.
 */
export function feeTotal(trades: readonly TradeEntry[]): { total: string; currency: string } {
  const byCurrency = new Map<string, Decimal>();
  for (const { fee } of trades) {
    byCurrency.set(fee.fee_currency, (byCurrency.get(fee.fee_currency) ?? new D(0)).plus(fee.fee_amount));
  }
  if (byCurrency.size === 0) return { total: "", currency: "" };
  if (byCurrency.size === 1) {
    const [[currency, total]] = [...byCurrency] as [[string, Decimal]];
    return { total: total.toFixed(), currency };
  }
  return { total: "", currency: [...byCurrency.keys()].sort().join(" + ") };
}
