// JSON shapes exactly as the exchange returns them: decimal strings at instrument
// precision, ISO-8601 UTC times with milliseconds.
import type Decimal from "decimal.js";
import { CURRENCY_PRECISION, ANY_INSTRUMENT_BY_CODE } from "./market";
import type { SimOrder, SimTrade, SimTransaction, Account } from "./ledger";

const iso = (ms: number) => new Date(ms).toISOString();
const fix = (d: Decimal, places: number) => d.toFixed(places);

export function orderJson(o: SimOrder) {
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
    amount: fix(o.amount, inst.amountPrecision),
    filled_amount: fix(o.filled_amount, inst.amountPrecision),
    ...(o.price ? { price: fix(o.price, inst.marketPrecision) } : {}),
    ...(o.average_price ? { average_price: fix(o.average_price, inst.marketPrecision) } : {}),
    ...(o.trigger_price ? { trigger_price: fix(o.trigger_price, inst.marketPrecision) } : {}),
    ...(o.time_triggered ? { time_triggered: iso(o.time_triggered) } : {}),
    ...(o.type === "LIMIT" ? { time_in_force: o.time_in_force, is_post_only: o.is_post_only } : {}),
    ...(o.expire_after ? { expire_after: iso(o.expire_after) } : {}),
    sequence: o.sequence,
    status: o.status,
    ...(o.reason ? { reason: o.reason } : {}),
  };
}

export function tradeEntryJson(t: SimTrade) {
  const inst = ANY_INSTRUMENT_BY_CODE.get(t.instrument_code)!;
  return {
    fee: {
      fee_amount: fix(t.fee.fee_amount, CURRENCY_PRECISION.get(t.fee.fee_currency) ?? 8),
      fee_currency: t.fee.fee_currency,
      fee_percentage: t.fee.fee_percentage,
      fee_group_id: "default",
      fee_type: t.fee.fee_type,
      running_trading_volume: fix(t.fee.running_trading_volume, 2),
      collection_type: "STANDARD",
    },
    trade: {
      trade_id: t.trade_id,
      order_id: t.order_id,
      account_id: t.account_id,
      amount: fix(t.amount, inst.amountPrecision),
      side: t.side,
      instrument_code: t.instrument_code,
      price: fix(t.price, inst.marketPrecision),
      time: iso(t.time),
      sequence: t.sequence,
    },
  };
}

export function txJson(t: SimTransaction) {
  const p = CURRENCY_PRECISION.get(t.currency) ?? 8;
  return {
    transaction_id: t.transaction_id,
    account_id: t.account_id,
    amount: fix(t.amount, p),
    type: t.type,
    funds_source: t.funds_source,
    time: iso(t.time),
    currency: t.currency,
    fee_amount: fix(t.fee_amount, p),
    fee_currency: t.fee_currency,
    ...(t.blockchain_transaction_id ? { blockchain_transaction_id: t.blockchain_transaction_id } : {}),
  };
}

export function balancesJson(a: Account) {
  return {
    account_id: a.id,
    balances: [...a.balances.entries()]
      .sort(([x], [y]) => x.localeCompare(y))
      .map(([code, b]) => {
        const p = CURRENCY_PRECISION.get(code) ?? 8;
        return {
          account_id: a.id,
          currency_code: code,
          change: fix(b.change, p),
          available: fix(b.available, p),
          locked: fix(b.locked, p),
          sequence: b.sequence,
          time: iso(b.time || Date.now()),
        };
      }),
  };
}
