// One Trading Fast's private TRADING channel (shared/exchange-websocket.md §2, §6, §7) as pure
// functions: the subscribe message, and what an incoming message means for a key's balances
// and orders. An order event carries the balances after it in short form (`bals`: available,
// `lckd_bals`: locked); a fill adds what matched. Times are nanosecond integers, kept exact.
import type { BalanceLike } from "@/lib/money/valuation";
import { nanosTime, parseExact } from "./wire";

/** One order event as the app uses it (decimal strings exactly as sent). */
export interface TradingOrderEvent {
  orderId: string;
  instrument: string;
  side: string;
  orderType: string | null;
  /** OPEN, FILL, FILLED_FULLY, CANCELLED, … (the deprecated `type` when no `status` came). */
  status: string;
  amount: string | null;
  remaining: string | null;
  price: string | null;
  time: string;
  timeMs: number;
  fill: { tradeId: string; amount: string; price: string; fee: string | null; feeCurrency: string | null } | null;
}

export interface TradingUpdate {
  order: TradingOrderEvent;
  /** The balances the event names, after it (a currency it doesn't name is unchanged). */
  balances: BalanceLike[];
}

export type TradingMessage =
  | { kind: "authenticated" }
  /** The exchange refused the key (a Read-only key on Fast, a revoked one, a wrong token). */
  | { kind: "auth_failed"; error: string }
  | { kind: "subscribed"; trading: boolean }
  | { kind: "heartbeat" }
  | { kind: "update"; update: TradingUpdate }
  | { kind: "error"; error: string }
  | { kind: "other" };

export const TRADING_SUBSCRIBE = JSON.stringify({ type: "SUBSCRIBE", channels: [{ name: "TRADING" }] });

const AUTH_ERRORS = new Set(["AUTHENTICATION_FAILED", "AUTH_ERROR", "NOT_AUTHENTICATED"]);
const DECIMAL = /^-?\d+(\.\d+)?$/;

function record(v: unknown): Record<string, unknown> | null {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}
const dec = (v: unknown): string | null =>
  typeof v === "string" && DECIMAL.test(v) ? v : typeof v === "number" && Number.isFinite(v) ? String(v) : null;
const text = (v: unknown): string | null => (typeof v === "string" && v ? v : null);

/** `bals` and `lckd_bals` as balances: every currency either names, the other side "0" when absent. */
export function balancesOf(bals: unknown, locked: unknown): BalanceLike[] {
  const read = (list: unknown) => {
    const out = new Map<string, string>();
    for (const x of Array.isArray(list) ? list : []) {
      const r = record(x);
      const c = r ? text(r.c) : null;
      const a = r ? dec(r.a) : null;
      if (c && a) out.set(c, a);
    }
    return out;
  };
  const available = read(bals);
  const lockedBy = read(locked);
  const codes = [...new Set([...available.keys(), ...lockedBy.keys()])].sort();
  return codes.map((c) => ({ currency_code: c, available: available.get(c) ?? "0", locked: lockedBy.get(c) ?? "0" }));
}

/** The key's balances after an update: the currencies it names replaced, the others kept. */
export function mergeBalances(before: readonly BalanceLike[], after: readonly BalanceLike[]): BalanceLike[] {
  const by = new Map(before.map((b) => [b.currency_code, b]));
  for (const b of after) by.set(b.currency_code, b);
  return [...by.values()].sort((a, b) => a.currency_code.localeCompare(b.currency_code));
}

function orderEvent(m: Record<string, unknown>): TradingOrderEvent | null {
  const orderId = text(m.order_id);
  const instrument = text(m.instrument_code);
  const status = text(m.status) ?? text(m.type);
  const t = nanosTime(m.time);
  if (!orderId || !instrument || !status || !t) return null;
  const tradeId = text(m.trade_id);
  const matched = dec(m.matched_amount);
  const avg = dec(m.matched_price_avg);
  return {
    orderId,
    instrument,
    side: text(m.side) ?? "",
    orderType: text(m.order_type),
    status,
    amount: dec(m.amount),
    remaining: dec(m.remaining),
    price: dec(m.price),
    ...t,
    fill:
      tradeId && matched && avg
        ? { tradeId, amount: matched, price: avg, fee: dec(m.fee), feeCurrency: text(m.fee_currency) }
        : null,
  };
}

/** What one text frame on a TRADING connection says. Unknown messages are "other", never errors. */
export function parseTradingMessage(raw: string): TradingMessage {
  let parsed: unknown;
  try {
    parsed = parseExact(raw);
  } catch {
    return { kind: "other" };
  }
  const m = record(parsed);
  if (!m) return { kind: "other" };
  if (typeof m.error === "string")
    return AUTH_ERRORS.has(m.error) ? { kind: "auth_failed", error: m.error } : { kind: "error", error: m.error };
  if (m.type === "AUTHENTICATED") return { kind: "authenticated" };
  if (m.type === "HEARTBEAT") return { kind: "heartbeat" };
  if (m.type === "SUBSCRIPTIONS") {
    const channels = Array.isArray(m.channels) ? m.channels : [];
    return { kind: "subscribed", trading: channels.some((c) => record(c)?.name === "TRADING") };
  }
  if (m.channel_name === "TRADING" && (m.event === "ORDER" || m.order_id !== undefined)) {
    const order = orderEvent(m);
    return order ? { kind: "update", update: { order, balances: balancesOf(m.bals, m.lckd_bals) } } : { kind: "other" };
  }
  return { kind: "other" };
}

/** Statuses after which an order is no longer open. */
const CLOSED = new Set([
  "FILLED_FULLY",
  "CANCELLED",
  "DONE",
  "INSUFFICIENT_FUNDS",
  "INSUFFICIENT_LIQUIDITY",
  "SELF_TRADE",
  "REJECTED",
  "CLOSED",
  "FILLED_CLOSED",
  "FILLED_REJECTED",
  "EXPIRED",
]);

export function isOpenStatus(status: string): boolean {
  return !CLOSED.has(status);
}
