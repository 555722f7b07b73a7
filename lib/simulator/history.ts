// Deterministic order history for demo accounts (the busy one has 50,000 orders over two
// years). Generated on first use, with the same ledger effects live fills have, so
// balances, trades and order statuses agree.
import Decimal from "decimal.js";
import { activeFeeTier, CURRENCY_PRECISION, ANY_INSTRUMENT_BY_CODE, priceAt } from "./market";
import { createRng, pick, seededUuid } from "./rng";
import type { Account, OrderStatus, SimOrder, SimTrade } from "./ledger";

export const HISTORY_INSTRUMENTS = ["BTC_EUR", "ETH_EUR", "XRP_EUR", "BEST_EUR", "BTC_USDT", "ETH_BTC"];
const TWO_YEARS = 2 * 365 * 86_400_000;

export const INITIAL_DEPOSITS: Record<string, string> = {
  EUR: "2500000",
  USDT: "500000",
  BTC: "40",
  ETH: "600",
  XRP: "900000",
  BEST: "1500000",
};

/**
 * Fast accounts get the same draws with Fast's order types: Fast has LIMIT orders only, so a
 * drawn market order becomes an immediate-or-cancel limit order at the market price.
 */
export function generateHistory(
  seed: string,
  acct: Account,
  count: number,
  now: number,
  depositScale = "1",
  instruments: readonly string[] = HISTORY_INSTRUMENTS,
  deposits: Record<string, string> = INITIAL_DEPOSITS,
) {
  const rng = createRng(`${seed}:history:${acct.id}`);
  const start = now - TWO_YEARS;
  const scale = new Decimal(depositScale);
  for (const [cur, amt] of Object.entries(deposits)) {
    acct.deposit({
      transaction_id: seededUuid(`${seed}:${acct.id}:dep:${cur}`),
      account_id: acct.id,
      amount: new Decimal(amt).mul(scale),
      type: cur === "EUR" ? "FIAT" : "CRYPTO",
      funds_source: "EXTERNAL",
      time: start - 86_400_000,
      currency: cur,
      fee_amount: new Decimal(0),
      fee_currency: cur,
    });
  }
  const step = TWO_YEARS / Math.max(count, 1);
  // Up to 21 × the minimum order for a well-funded account, up to 3 × for a small one.
  const funded = new Decimal(deposits.EUR ?? "0").mul(scale);
  const sizeSpread = Math.max(2, Math.min(20, funded.div(1_000).toNumber()));
  const fast = acct.dialect === "fast";
  for (let i = 0; i < count; i++) {
    const time = Math.floor(start + i * step + rng() * step * 0.9);
    const inst = ANY_INSTRUMENT_BY_CODE.get(pick(rng, instruments))!;
    const side = rng() < 0.5 ? "BUY" : "SELL";
    const type = rng() < 0.8 ? "LIMIT" : "MARKET";
    const market = priceAt(seed, inst, time);
    const price =
      type === "LIMIT" ? market.mul(1 + (rng() - 0.5) * 0.01).toDecimalPlaces(inst.marketPrecision) : market;
    // Order sizes follow the account: a small account trades small amounts.
    const minBase = new Decimal(inst.minSize).div(price);
    const amount = minBase.mul(1 + rng() * sizeSpread).toDecimalPlaces(inst.amountPrecision, Decimal.ROUND_UP);
    const recent = i >= count - 6 && type === "LIMIT";
    const r = rng();
    const status: OrderStatus = recent
      ? "OPEN"
      : type === "MARKET"
        ? "FILLED_FULLY"
        : r < 0.62
          ? "FILLED_FULLY"
          : r < 0.85
            ? "CLOSED"
            : r < 0.95
              ? "FILLED_CLOSED"
              : "REJECTED";
    const order: SimOrder = {
      order_id: seededUuid(`${seed}:${acct.id}:order:${i}`),
      account_id: acct.id,
      instrument_code: inst.code,
      time,
      time_last_updated: time + 2_000,
      side,
      type: fast ? "LIMIT" : type,
      amount,
      filled_amount: new Decimal(0),
      price: type === "LIMIT" || fast ? price : undefined,
      time_in_force: fast && type === "MARKET" ? "IMMEDIATE_OR_CANCELLED" : "GOOD_TILL_CANCELLED",
      is_post_only: false,
      status,
      sequence: acct.sequence++,
      locked: new Decimal(0),
      lockedCurrency: side === "BUY" ? inst.quote : inst.base,
      tradeIds: [],
      ...(status === "REJECTED" ? { reason: "INSUFFICIENT_FUNDS" } : {}),
    };
    if (i % 7 === 0) order.client_id = seededUuid(`${seed}:${acct.id}:client:${i}`);
    acct.addOrder(order);
    if (status === "FILLED_FULLY" || status === "FILLED_CLOSED") {
      const qty =
        status === "FILLED_FULLY" ? amount : amount.mul(0.5).toDecimalPlaces(inst.amountPrecision, Decimal.ROUND_DOWN);
      const parts = status === "FILLED_FULLY" && rng() < 0.3 ? 2 : 1;
      const first = parts === 2 ? qty.mul(0.4).toDecimalPlaces(inst.amountPrecision, Decimal.ROUND_DOWN) : qty;
      for (const [n, q] of (parts === 2 ? [first, qty.sub(first)] : [qty]).entries()) {
        if (q.lte(0)) continue;
        applyFill(
          acct,
          order,
          q,
          price,
          type === "MARKET" ? "TAKER" : "MAKER",
          time + 1_000 + n * 500,
          `${seed}:${acct.id}:trade:${i}:${n}`,
        );
      }
      order.average_price = price;
    } else if (status === "OPEN") {
      const lock =
        side === "BUY"
          ? amount.mul(price).toDecimalPlaces(CURRENCY_PRECISION.get(inst.quote) ?? 8, Decimal.ROUND_UP)
          : amount;
      if (acct.lock(order.lockedCurrency, lock, time)) order.locked = lock;
      else {
        order.status = "REJECTED";
        order.reason = "INSUFFICIENT_FUNDS";
      }
    }
  }
}

function applyFill(
  acct: Account,
  o: SimOrder,
  qty: Decimal,
  price: Decimal,
  feeType: "MAKER" | "TAKER",
  time: number,
  idSeed: string,
) {
  const inst = ANY_INSTRUMENT_BY_CODE.get(o.instrument_code)!;
  const qp = CURRENCY_PRECISION.get(inst.quote) ?? 8;
  const cost = qty.mul(price).toDecimalPlaces(qp, Decimal.ROUND_HALF_UP);
  const tier = activeFeeTier(acct.volume);
  const pct = feeType === "MAKER" ? tier.maker_fee : tier.taker_fee;
  const [paidCur, paid, gotCur, got] =
    o.side === "BUY" ? [inst.quote, cost, inst.base, qty] : [inst.base, qty, inst.quote, cost];
  const fee = got
    .mul(pct)
    .div(100)
    .toDecimalPlaces(CURRENCY_PRECISION.get(gotCur) ?? 8, Decimal.ROUND_DOWN);
  // Historic fills may exceed what is left: top the account up with a recorded deposit first.
  const bal = acct.balance(paidCur);
  if (bal.available.lt(paid)) {
    acct.deposit({
      transaction_id: seededUuid(`${idSeed}:topup`),
      account_id: acct.id,
      amount: paid.sub(bal.available).mul(2),
      type: paidCur === "EUR" ? "FIAT" : "CRYPTO",
      funds_source: "EXTERNAL",
      time: time - 1,
      currency: paidCur,
      fee_amount: new Decimal(0),
      fee_currency: paidCur,
    });
  }
  acct.credit(paidCur, paid.neg(), time);
  acct.credit(gotCur, got.sub(fee), time);
  acct.volume = acct.volume.add(cost);
  const trade: SimTrade = {
    trade_id: seededUuid(idSeed),
    order_id: o.order_id,
    account_id: acct.id,
    amount: qty,
    side: o.side,
    instrument_code: inst.code,
    price,
    time,
    sequence: acct.sequence++,
    fee: {
      fee_amount: fee,
      fee_currency: gotCur,
      fee_percentage: pct,
      fee_type: feeType,
      running_trading_volume: acct.volume,
    },
  };
  acct.addTrade(trade);
  o.tradeIds.push(trade.trade_id);
  o.filled_amount = o.filled_amount.add(qty);
}
