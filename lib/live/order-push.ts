// What a live page hears about a Trade key's order event (lib/market/trading-wire.ts): the
// order's new state for its open-orders list, and nothing of the key's balances (those reach
// the page inside its valuation). A viewer with hidden amounts gets no amount: the order's
// size, what remains and what matched, and the fee, are empty strings; prices and statuses stay
// (the order list shows them to such a viewer too).
import type { TradingUpdate } from "@/lib/market/trading-wire";
import { isOpenStatus } from "@/lib/market/trading-wire";

export interface OrderPush {
  keyId: string;
  orderId: string;
  instrument: string;
  side: string;
  orderType: string | null;
  status: string;
  open: boolean;
  amount: string | null;
  remaining: string | null;
  price: string | null;
  /** The exchange's time of the event, exact (nanoseconds) and in ISO-8601 (UTC). */
  time: string;
  at: string;
  fill: { tradeId: string; amount: string; price: string; fee: string | null; feeCurrency: string | null } | null;
  amountsHidden?: boolean;
}

export function orderPushOf(keyId: string, u: TradingUpdate): OrderPush {
  const o = u.order;
  return {
    keyId,
    orderId: o.orderId,
    instrument: o.instrument,
    side: o.side,
    orderType: o.orderType,
    status: o.status,
    open: isOpenStatus(o.status),
    amount: o.amount,
    remaining: o.remaining,
    price: o.price,
    time: o.time,
    at: new Date(o.timeMs).toISOString(),
    fill: o.fill,
  };
}

export function hideOrderAmounts(p: OrderPush): OrderPush {
  return {
    ...p,
    amount: p.amount === null ? null : "",
    remaining: p.remaining === null ? null : "",
    fill: p.fill ? { ...p.fill, amount: "", fee: p.fill.fee === null ? null : "" } : null,
    amountsHidden: true,
  };
}
