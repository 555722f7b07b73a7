// One Trading Fast's JSON shapes over the shared ledger: `sequence` as a string, Fast's
// order statuses (BOOKED, DONE, CANCELLED, rejection reasons as the status), trades with
// `matched_as` and a two-field fee, balances without change/sequence.
import Decimal from "decimal.js";
import { ANY_INSTRUMENT_BY_CODE, CURRENCY_PRECISION } from "../market";
import type { Account, SimOrder, SimTrade } from "../ledger";

/** A response body already serialised (for JSON numbers beyond 2^53, such as nanosecond times). */
export class RawJson {
  constructor(readonly text: string) {}
}

const iso = (ms: number) => new Date(ms).toISOString();
const precisionOf = (code: string) => CURRENCY_PRECISION.get(code) ?? 8;

/** Fast's status for an order of the shared ledger (lib/exchange/REFERENCE.md §6). */
export function fastStatus(o: SimOrder): string {
  switch (o.status) {
    case "OPEN":
      return "BOOKED";
    case "FILLED_FULLY":
      return "DONE";
    case "CLOSED":
      // An immediate-or-cancel / fill-or-kill order that found nothing to fill.
      if (
        (o.time_in_force === "IMMEDIATE_OR_CANCELLED" || o.time_in_force === "FILL_OR_KILL") &&
        o.filled_amount.isZero() &&
        !o.reason
      )
        return "INSUFFICIENT_LIQUIDITY";
      return "CANCELLED";
    case "FILLED_CLOSED":
      return "CANCELLED";
    case "REJECTED":
    case "FILLED_REJECTED":
      return o.reason ?? "REJECTED";
    default:
      return o.status;
  }
}

function feeTotals(acct: Account, o: SimOrder): { total_fee: string; fee_currency: string } | Record<string, never> {
  const trades = o.tradeIds.map((id) => acct.tradesById.get(id)).filter((t): t is SimTrade => Boolean(t));
  if (!trades.length) return {};
  const currency = trades[0]!.fee.fee_currency;
  const total = trades.reduce((sum, t) => sum.add(t.fee.fee_amount), new Decimal(0));
  return { total_fee: total.toFixed(precisionOf(currency)), fee_currency: currency };
}

export function fastOrderJson(acct: Account, o: SimOrder, statusOverride?: string) {
  const inst = ANY_INSTRUMENT_BY_CODE.get(o.instrument_code)!;
  return {
    order_id: o.order_id,
    ...(o.client_id ? { client_id: o.client_id } : {}),
    account_id: o.account_id,
    instrument_code: o.instrument_code,
    time: iso(o.time),
    time_last_updated: iso(o.time_last_updated),
    side: o.side,
    type: o.type,
    amount: o.amount.toFixed(inst.amountPrecision),
    filled_amount: o.filled_amount.toFixed(inst.amountPrecision),
    ...(o.price ? { price: o.price.toFixed(inst.marketPrecision) } : {}),
    ...(o.average_price ? { average_price: o.average_price.toFixed(inst.marketPrecision) } : {}),
    time_in_force: o.is_post_only ? "POST_ONLY" : o.time_in_force,
    sequence: String(o.sequence),
    status: statusOverride ?? fastStatus(o),
    ...feeTotals(acct, o),
  };
}

/** The short order object Fast returns for a cancel by client_id (REFERENCE.md §5.1 #11). */
export function fastCancelledJson(o: SimOrder) {
  const inst = ANY_INSTRUMENT_BY_CODE.get(o.instrument_code)!;
  return {
    order_id: o.order_id,
    ...(o.client_id ? { client_id: o.client_id } : {}),
    account_id: o.account_id,
    instrument_code: o.instrument_code,
    time: iso(o.time),
    side: o.side,
    ...(o.price ? { price: o.price.toFixed(inst.marketPrecision) } : {}),
    amount: o.amount.toFixed(inst.amountPrecision),
    type: o.type,
    status: "CANCELLED",
  };
}

export function fastTradeEntryJson(acct: Account, t: SimTrade) {
  const inst = ANY_INSTRUMENT_BY_CODE.get(t.instrument_code)!;
  const order = acct.ordersById.get(t.order_id);
  return {
    trade: {
      trade_id: t.trade_id,
      order_id: t.order_id,
      account_id: t.account_id,
      amount: t.amount.toFixed(inst.amountPrecision),
      side: t.side,
      instrument_code: t.instrument_code,
      price: t.price.toFixed(inst.marketPrecision),
      time: iso(t.time),
      time_nanos: `${t.time}000000`,
      sequence: String(t.sequence),
      matched_as: t.fee.fee_type,
      ...(order ? { order_type: order.type } : {}),
    },
    fee: { fee_amount: t.fee.fee_amount.toFixed(precisionOf(t.fee.fee_currency)), fee_currency: t.fee.fee_currency },
  };
}

/** Fast balances; margin figures follow the simulator's fully-collateralised futures model (README). */
export function fastBalancesJson(a: Account) {
  const eur = a.balances.get("EUR");
  const available = eur?.available ?? new Decimal(0);
  const locked = eur?.locked ?? new Decimal(0);
  return {
    account_id: a.id,
    balances: [...a.balances.entries()]
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([code, b]) => ({
        currency_code: code,
        available: b.available.toFixed(precisionOf(code)),
        locked: b.locked.toFixed(precisionOf(code)),
        time: iso(b.time || Date.now()),
      })),
    account_equity: available.add(locked).toFixed(2),
    margin_available: available.toFixed(2),
    margin_used: locked.toFixed(2),
  };
}
