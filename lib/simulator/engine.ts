// The order engine: validation with the exchange's codes, fund locking, fills at the
// ticker with the account's fee tier, resting LIMIT/STOP orders filled when the market
// crosses them, and cancellation. All amounts are exact decimals.
import { randomUUID } from "node:crypto";
import Decimal from "decimal.js";
import {
  activeFeeTier,
  ANY_INSTRUMENT_BY_CODE,
  CURRENCY_PRECISION,
  INSTRUMENT_BY_CODE,
  tickerFor,
  type InstrumentDef,
} from "./market";
import { ACTIVE_STATUSES, type Account, type SimOrder, type Side } from "./ledger";

export class SimError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
  ) {
    super(code);
  }
}

const DECIMAL = /^\d+(\.\d+)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a dialect accepts in POST /account/orders (§5.5). */
export interface PlaceRules {
  instruments: ReadonlyMap<string, InstrumentDef>;
  types: readonly string[];
  tifs: readonly string[];
  /** Bitpanda Pro rejects a client_id already used by an active order; Fast leaves uniqueness to the caller. */
  uniqueClientId: boolean;
}

export const LEGACY_RULES: PlaceRules = {
  instruments: INSTRUMENT_BY_CODE,
  types: ["LIMIT", "MARKET", "STOP"],
  tifs: ["GOOD_TILL_CANCELLED", "GOOD_TILL_TIME", "IMMEDIATE_OR_CANCELLED", "FILL_OR_KILL"],
  uniqueClientId: true,
};
export const FAST_RULES: PlaceRules = {
  instruments: ANY_INSTRUMENT_BY_CODE,
  types: ["LIMIT"],
  tifs: ["GOOD_TILL_CANCELLED", "IMMEDIATE_OR_CANCELLED", "FILL_OR_KILL", "POST_ONLY"],
  uniqueClientId: false,
};

function decimals(s: string): number {
  return s.includes(".") ? s.split(".")[1]!.length : 0;
}

function parseAmount(
  v: unknown,
  code: { invalid: string; precision: string; negative: string },
  precision: number,
): Decimal {
  if (typeof v !== "string" && typeof v !== "number") throw new SimError(400, code.invalid);
  const s = String(v).trim();
  if (/^-/.test(s) && DECIMAL.test(s.slice(1))) throw new SimError(422, code.negative);
  if (!DECIMAL.test(s)) throw new SimError(400, code.invalid);
  const d = new Decimal(s);
  if (d.lte(0)) throw new SimError(422, code.negative);
  if (decimals(s.replace(/0+$/, "")) > precision) throw new SimError(422, code.precision);
  return d;
}

const quotePrecision = (inst: InstrumentDef) => CURRENCY_PRECISION.get(inst.quote) ?? 8;
const basePrecision = (inst: InstrumentDef) => CURRENCY_PRECISION.get(inst.base) ?? 8;

export interface PlaceBody {
  instrument_code?: unknown;
  type?: unknown;
  side?: unknown;
  amount?: unknown;
  price?: unknown;
  trigger_price?: unknown;
  client_id?: unknown;
  time_in_force?: unknown;
  expire_after?: unknown;
  is_post_only?: unknown;
}

export function placeOrder(
  seed: string,
  acct: Account,
  body: PlaceBody,
  now: number,
  rules: PlaceRules = LEGACY_RULES,
): SimOrder {
  if (body.instrument_code === undefined) throw new SimError(400, "MISSING_INSTRUMENT_CODE");
  const inst = typeof body.instrument_code === "string" ? rules.instruments.get(body.instrument_code) : undefined;
  if (!inst) throw new SimError(400, "INVALID_INSTRUMENT_CODE");
  if (body.type === undefined) throw new SimError(422, "MISSING_ORDER_TYPE");
  if (body.type !== "LIMIT" && body.type !== "MARKET" && body.type !== "STOP")
    throw new SimError(400, "INVALID_ORDER_TYPE");
  if (!rules.types.includes(body.type)) throw new SimError(400, "INVALID_ORDER_TYPE");
  if (body.side === undefined) throw new SimError(422, "MISSING_SIDE");
  if (body.side !== "BUY" && body.side !== "SELL") throw new SimError(400, "INVALID_SIDE");
  const type = body.type;
  const side: Side = body.side;
  const amount = parseAmount(
    body.amount,
    { invalid: "INVALID_AMOUNT", precision: "BAD_AMOUNT_PRECISION", negative: "NEGATIVE_AMOUNT" },
    inst.amountPrecision,
  );
  let price: Decimal | undefined;
  let trigger: Decimal | undefined;
  if (type !== "MARKET") {
    if (body.price === undefined) throw new SimError(422, "MISSING_PRICE");
    price = parseAmount(
      body.price,
      { invalid: "INVALID_PRICE", precision: "BAD_PRICE_PRECISION", negative: "NEGATIVE_PRICE" },
      inst.marketPrecision,
    );
  }
  if (type === "STOP") {
    if (body.trigger_price === undefined) throw new SimError(422, "MISSING_PRICE");
    trigger = parseAmount(
      body.trigger_price,
      { invalid: "INVALID_PRICE", precision: "BAD_TRIGGER_PRICE_PRECISION", negative: "NEGATIVE_PRICE" },
      inst.marketPrecision,
    );
  }
  const tif = body.time_in_force === undefined ? "GOOD_TILL_CANCELLED" : String(body.time_in_force);
  if (!rules.tifs.includes(tif) || (type !== "LIMIT" && body.time_in_force !== undefined))
    throw new SimError(400, "INVALID_QUERY");
  let expireAfter: number | undefined;
  if (tif === "GOOD_TILL_TIME") {
    expireAfter = typeof body.expire_after === "string" ? Date.parse(body.expire_after) : NaN;
    if (!Number.isFinite(expireAfter) || expireAfter <= now) throw new SimError(400, "INVALID_TIME");
  }
  let clientId: string | undefined;
  if (body.client_id !== undefined) {
    if (typeof body.client_id !== "string" || !UUID.test(body.client_id))
      throw new SimError(400, "INVALID_CLIENT_UUID");
    clientId = body.client_id;
    if (rules.uniqueClientId && acct.orders.some((o) => o.client_id === clientId && ACTIVE_STATUSES.has(o.status)))
      throw new SimError(422, "DUPLICATE_CLIENT_ID");
  }

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
export function settle(seed: string, acct: Account, now: number) {
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
