// CSV building blocks for the order and trade exports. Pure and safe to import anywhere.
//
// - RFC 4180: cells containing a quote, comma, CR or LF are wrapped in quotes, quotes doubled;
//   every line ends in CRLF.
// - Spreadsheet formula injection: a text cell starting with = + - @ TAB or CR gets a leading
//   apostrophe so Excel / LibreOffice / Sheets show it as text instead of evaluating it.
//   Decimal strings (the exchange's validated amounts, e.g. "-1.5") are left untouched so they
//   stay numbers in the spreadsheet.
// - Amounts never pass through floats: they are copied as given, and derived values (trade
//   value, average price, fee totals) are computed with decimal.js.
import Decimal from "decimal.js";
import type { Order, TradeEntry } from "@/lib/exchange/schemas";

/** Wide enough that sums and products of exchange decimals are exact; toFixed() never uses an exponent. */
const D = Decimal.clone({ precision: 1000, rounding: Decimal.ROUND_HALF_EVEN });

/** Extra decimal places an average price keeps beyond the most precise trade price (division may not terminate). */
const AVERAGE_EXTRA_PLACES = 8;

const NUMERIC = /^-?\d+(\.\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = string | number | boolean | null | undefined;

/** One CSV cell: empty for null/undefined, injection-neutralised text, RFC 4180 quoting. */
export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return "";
  let s = typeof v === "string" ? v : String(v);
  if (typeof v === "string" && !NUMERIC.test(s) && FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV record, terminated by CRLF. */
export function csvLine(cells: readonly CsvValue[]): string {
  return cells.map(csvCell).join(",") + "\r\n";
}

export const TRADE_COLUMNS = [
  "time", "trade_id", "order_id", "instrument_code", "side", "amount", "price", "value",
  "fee_amount", "fee_currency", "fee_percentage", "fee_type", "sequence",
] as const;

export const ORDER_COLUMNS = [
  "time", "order_id", "client_id", "instrument_code", "side", "type", "status", "price", "amount",
  "filled_amount", "average_price", "fee_total", "fee_currency", "time_last_updated",
] as const;

export type OrderEntry = { order: Order; trades?: TradeEntry[] | undefined };

function str(v: string | number | undefined): string {
  return v === undefined ? "" : String(v);
}

function scale(decimal: string): number {
  const dot = decimal.indexOf(".");
  return dot < 0 ? 0 : decimal.length - dot - 1;
}

/** amount × price, exact, in plain notation ("0.1" × "0.2" → "0.02"). */
export function tradeValue(amount: string, price: string): string {
  return new D(amount).times(price).toFixed();
}

/** One row per trade, in TRADE_COLUMNS order. */
export function tradeRow(entry: TradeEntry): string[] {
  const { trade, fee } = entry;
  return [
    trade.time,
    trade.trade_id,
    trade.order_id,
    trade.instrument_code,
    trade.side,
    trade.amount,
    trade.price,
    tradeValue(trade.amount, trade.price),
    fee.fee_amount,
    fee.fee_currency,
    str(fee.fee_percentage),
    str(fee.fee_type),
    str(trade.sequence),
  ];
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
  return notional.div(amount).toDecimalPlaces(places + AVERAGE_EXTRA_PLACES, Decimal.ROUND_HALF_EVEN).toFixed();
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

/**
 * One row per order, in ORDER_COLUMNS order. average_price is computed from the order's trades
 * when the page includes them, falling back to the exchange's own average_price; fee columns
 * stay empty when no trades are included.
 */
export function orderRow(entry: OrderEntry): string[] {
  const { order } = entry;
  const trades = entry.trades ?? [];
  const fees = feeTotal(trades);
  return [
    order.time,
    order.order_id,
    str(order.client_id),
    order.instrument_code,
    order.side,
    order.type,
    order.status,
    str(order.price),
    order.amount,
    order.filled_amount,
    averagePrice(trades) ?? str(order.average_price),
    fees.total,
    fees.currency,
    str(order.time_last_updated),
  ];
}
