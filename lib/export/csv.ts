// CSV building blocks for the order and trade exports. Pure and safe to import anywhere.
//
// - RFC 4180: cells containing a quote, comma, CR or LF are wrapped in quotes, quotes doubled;
//   every line ends in CRLF.
// - Spreadsheet formula injection: a text cell starting with = + - @ TAB or CR gets a leading
//   apostrophe so Excel / LibreOffice / Sheets show it as text instead of evaluating it.
//   Decimal strings (the exchange's validated amounts, e.g. "-1.5") are left untouched so they
//   stay numbers in the spreadsheet.
// - Amounts never pass through floats: they are copied as given, and derived values (trade
//   value, average price, fee totals) come from lib/money/trades.ts (decimal.js).
import type { Order, TradeEntry } from "@/lib/exchange/schemas";
import { averagePrice, feeTotal, tradeValue } from "@/lib/money/trades";

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
  "time",
  "trade_id",
  "order_id",
  "instrument_code",
  "side",
  "amount",
  "price",
  "value",
  "fee_amount",
  "fee_currency",
  "fee_percentage",
  "fee_type",
  "sequence",
] as const;

export const ORDER_COLUMNS = [
  "time",
  "order_id",
  "client_id",
  "instrument_code",
  "side",
  "type",
  "status",
  "price",
  "amount",
  "filled_amount",
  "average_price",
  "fee_total",
  "fee_currency",
  "time_last_updated",
] as const;

export type OrderEntry = { order: Order; trades?: TradeEntry[] | undefined };

function str(v: string | number | undefined): string {
  return v === undefined ? "" : String(v);
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
