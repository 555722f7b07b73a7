// The order engine: fund locking, fills at the ticker with the account's fee tier, resting
// LIMIT/STOP orders filled when the market crosses them, and cancellation. The order body is
// checked first (./order-input.ts). All amounts are exact decimals.
import { randomUUID } from "node:crypto";
import Decimal from "decimal.js";
import {
  activeFeeTier,
  ANY_INSTRUMENT_BY_CODE,
  CURRENCY_PRECISION,
  tickerFor,
  type InstrumentDef,
  type PriceSource,
} from "./market";
import { ACTIVE_STATUSES, type Account, type SimOrder } from "./ledger";
import { SimError } from "./errors";
import { checkPlaceBody, LEGACY_RULES, type PlaceBody, type PlaceRules } from "./order-input";

const quotePrecision = (inst: InstrumentDef) => CURRENCY_PRECISION.get(inst.quote) ?? 8;
const basePrecision = (inst: InstrumentDef) => CURRENCY_PRECISION.get(inst.base) ?? 8;

/** Places an order the exchange would accept: locks its funds, then fills it at once when it crosses (or closes it, by its time in force). */
export function placeOrder(
  seed: string | PriceSource,
  acct: Account,
  body: PlaceBody,
  now: number,
  rules: PlaceRules = LEGACY_RULES,
): SimOrder {
  const { inst, type, side, amount, price, trigger, tif, expireAfter, clientId } = checkPlaceBody(
    acct,
    body,
    now,
    rules,
  );
  const ticker = tickerFor(seed, inst, now);
  const refPrice = price ?? new Decimal(side === "BUY" ? ticker.best_ask : ticker.best_bid);
  if (amount.mul(refPrice).lt(inst.minSize)) throw new SimError(422, "MIN_SIZE_NOT_SATISFIED");
  if (type !== "MARKET" && acct.openOrderCount() >= 200) throw new SimError(422, "MAX_OPEN_ORDERS_EXCEEDED");

  const lockedCurrency = side === "BUY" ? inst.quote : inst.base;
  const toLock = side === "BUY" ? amount.mul(refPrice).toDecimalPlaces(quotePrecision(inst), Decimal.ROUND_UP) : amount;
  if (!acct.lock(lockedCurrency, toLock, now)) throw new SimError(422, "INSUFFICIENT_FUNDS");

  const order: SimOrder = {
    order_id: randomUUID(),
    client_id: clientId,
    account_id: acct.id,
    instrument_code: inst.code,
    time: now,
    time_last_updated: now,
    side,
    type,
    amount,
    filled_amount: new Decimal(0),
    price,
    trigger_price: trigger,
    time_in_force: tif,
    expire_after: expireAfter,
    is_post_only: body.is_post_only === true || tif === "POST_ONLY",
    status: "OPEN",
    sequence: acct.sequence++,
    locked: toLock,
    lockedCurrency,
    tradeIds: [],
  };
  acct.addOrder(order);

  if (type === "MARKET") {
    fill(acct, order, inst, refPrice, "TAKER", now);
  } else if (type === "LIMIT") {
    const crosses =
      side === "BUY" ? new Decimal(ticker.best_ask).lte(price!) : new Decimal(ticker.best_bid).gte(price!);
    if (crosses && !order.is_post_only) fill(acct, order, inst, price!, "TAKER", now);
    else if (crosses || tif === "IMMEDIATE_OR_CANCELLED" || tif === "FILL_OR_KILL")
      closeOrder(acct, order, now, crosses ? "POST_ONLY_REJECTED" : undefined);
  }
  return order;
}

/** Fills the whole remaining amount at `at`, with the fee in the received currency. */
function fill(acct: Account, o: SimOrder, inst: InstrumentDef, at: Decimal, feeType: "MAKER" | "TAKER", now: number) {
  const qty = o.amount.sub(o.filled_amount);
  const cost = qty.mul(at).toDecimalPlaces(quotePrecision(inst), Decimal.ROUND_HALF_UP);
  const tier = activeFeeTier(acct.volume);
  const pct = feeType === "MAKER" ? tier.maker_fee : tier.taker_fee;
  const received = o.side === "BUY" ? qty : cost;
  const receivedCurrency = o.side === "BUY" ? inst.base : inst.quote;
  const fee = received
    .mul(pct)
    .div(100)
    .toDecimalPlaces(o.side === "BUY" ? basePrecision(inst) : quotePrecision(inst), Decimal.ROUND_DOWN);
  const spent = o.side === "BUY" ? Decimal.min(cost, o.locked) : qty;
  acct.spendLocked(o.lockedCurrency, spent, now);
  o.locked = o.locked.sub(spent);
  if (o.locked.gt(0)) {
    acct.unlock(o.lockedCurrency, o.locked, now);
    o.locked = new Decimal(0);
  }
  acct.credit(receivedCurrency, received.sub(fee), now);
  acct.volume = acct.volume.add(cost);
  const trade = {
    trade_id: randomUUID(),
    order_id: o.order_id,
    account_id: acct.id,
    amount: qty,
    side: o.side,
    instrument_code: inst.code,
    price: at,
    time: now,
    sequence: acct.sequence++,
    fee: {
      fee_amount: fee,
      fee_currency: receivedCurrency,
      fee_percentage: pct,
      fee_type: feeType,
      running_trading_volume: acct.volume,
    },
  };
  acct.addTrade(trade);
  o.tradeIds.push(trade.trade_id);
  o.filled_amount = o.amount;
  o.average_price = at;
  o.status = "FILLED_FULLY";
  o.time_last_updated = now;
}

function closeOrder(acct: Account, o: SimOrder, now: number, reason?: string) {
  if (o.locked.gt(0)) acct.unlock(o.lockedCurrency, o.locked, now);
  o.locked = new Decimal(0);
  o.status = o.filled_amount.gt(0) ? "FILLED_CLOSED" : "CLOSED";
  if (reason) o.reason = reason;
  o.time_last_updated = now;
}

/** Fills resting orders the market has crossed, triggers stops, expires GOOD_TILL_TIME. */
export function settle(seed: string | PriceSource, acct: Account, now: number) {
  for (let i = acct.orders.length - 1; i >= 0; i--) {
    const o = acct.orders[i]!;
    if (!ACTIVE_STATUSES.has(o.status) || o.type === "MARKET") continue;
    const inst = ANY_INSTRUMENT_BY_CODE.get(o.instrument_code)!;
    if (o.expire_after !== undefined && o.expire_after <= now) {
      closeOrder(acct, o, now);
      continue;
    }
    const t = tickerFor(seed, inst, now);
    if (o.type === "STOP" && o.status === "OPEN") {
      const last = new Decimal(t.last_price);
      if (o.side === "BUY" ? last.gte(o.trigger_price!) : last.lte(o.trigger_price!)) {
        o.status = "STOP_TRIGGERED";
        o.time_triggered = now;
      } else continue;
    }
    const crosses = o.side === "BUY" ? new Decimal(t.best_ask).lte(o.price!) : new Decimal(t.best_bid).gte(o.price!);
    if (crosses) fill(acct, o, inst, o.price!, "MAKER", now);
  }
}

export function cancelOrder(acct: Account, orderId: string, now: number): SimOrder {
  const o = acct.ordersById.get(orderId);
  if (!o) throw new SimError(404, "ORDER_NOT_FOUND");
  if (!ACTIVE_STATUSES.has(o.status)) throw new SimError(404, "ORDER_NOT_FOUND");
  closeOrder(acct, o, now);
  return o;
}

export function cancelMany(acct: Account, filter: { instrument_code?: string; ids?: string[] }, now: number): string[] {
  const out: string[] = [];
  for (const o of acct.orders) {
    if (!ACTIVE_STATUSES.has(o.status)) continue;
    if (filter.instrument_code && o.instrument_code !== filter.instrument_code) continue;
    if (filter.ids && !filter.ids.includes(o.order_id)) continue;
    closeOrder(acct, o, now);
    out.push(o.order_id);
  }
  return out;
}
