// Private endpoints of /fast/v1, on the caller's account. Same engine and ledger as
// /public/v1; Fast's routes, windows and shapes (lib/exchange/REFERENCE.md §5). No trading-volume, deposit, withdrawal
// or price-tick endpoints: those paths answer 404 like any unknown path.
import { ANY_INSTRUMENT_BY_CODE } from "../market";
import { cancelMany, cancelOrder, placeOrder } from "../engine";
import { SimError } from "../errors";
import { FAST_RULES, type PlaceBody } from "../order-input";
import { ACTIVE_STATUSES, type Account, type SimOrder, type SimTrade } from "../ledger";
import { pageNewestFirst, parsePageSize, orderStatusFilter } from "../queries";
import { fastBalancesJson, fastCancelledJson, fastOrderJson, fastTradeEntryJson } from "./format";
import { FAST_LOOKUP_MS, oneDayBack, parseFastWindow, sevenDaysBackAtMidnight } from "./queries";
import { fastAccountFees } from "./fees";
import type { AccountRequest, RouteResult } from "../routes-account";
import type { SimState } from "../state";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Fast answers a missing order with a sentence, not a code (CCXT-OT's broad match). */
export const ORDER_NOT_FOUND = "Order not found.";

/** Fast's scope rule: reads need Read, order writes need Trade (there are no money endpoints). */
export function fastRequiredScope(method: string, segments: string[]): "READ_ONLY" | "TRADE" {
  return segments[1] === "orders" && method !== "GET" ? "TRADE" : "READ_ONLY";
}

function recentOrder(acct: Account, id: string | undefined, now: number): SimOrder {
  if (!id || !UUID.test(id)) throw new SimError(400, "INVALID_ORDER_ID");
  const o = acct.ordersById.get(id);
  if (!o || o.time < now - FAST_LOOKUP_MS) throw new SimError(404, ORDER_NOT_FOUND);
  return o;
}

/** The most recent order with this client_id (Fast: client_id operations act on the latest). */
function latestByClientId(
  acct: Account,
  clientId: string | undefined,
  pick: (o: SimOrder) => boolean,
): SimOrder | undefined {
  if (!clientId || !UUID.test(clientId)) throw new SimError(400, "INVALID_CLIENT_UUID");
  for (let i = acct.orders.length - 1; i >= 0; i--) {
    const o = acct.orders[i]!;
    if (o.client_id === clientId && pick(o)) return o;
  }
  return undefined;
}

function instrumentFilter(raw: string | null, allowList: boolean): (code: string) => boolean {
  if (raw === null) return () => true;
  const codes = allowList
    ? raw
        .split(",")
        .map((c) => c.trim())
        .filter(Boolean)
    : [raw];
  if (!codes.length || codes.some((c) => !ANY_INSTRUMENT_BY_CODE.has(c)))
    throw new SimError(400, "INVALID_INSTRUMENT_CODE");
  return (code) => codes.includes(code);
}

const withCursor = (cursor: string | undefined) => (cursor ? { cursor } : {});

export function fastAccountRoute(state: SimState, acct: Account, r: AccountRequest): RouteResult {
  const now = state.now();
  const [, area, a, b] = r.segments;
  const ok = (body: unknown, status = 200): RouteResult => ({ status, body });
  const trades = (ids: string[]) =>
    ids
      .map((id) => acct.tradesById.get(id))
      .filter((t): t is SimTrade => Boolean(t))
      .map((t) => fastTradeEntryJson(acct, t));
  const key = `${r.method} ${area}${a !== undefined ? (a === "client" ? "/client" : "/:a") : ""}${b !== undefined ? (a === "client" ? "/:b" : `/${b}`) : ""}${r.segments.length > 4 ? "/…" : ""}`;
  switch (key) {
    case "GET balances":
      return ok(fastBalancesJson(acct));
    case "GET fees":
      return ok(fastAccountFees(acct, state.family(acct)));
    case "GET orders": {
      const flags =
        r.q.get("with_cancelled_and_rejected") === "true" || r.q.get("with_just_filled_inactive") === "true";
      const win = parseFastWindow(r.q, now, flags ? oneDayBack : undefined);
      const pageSize = parsePageSize(r.q);
      const statusOk = orderStatusFilter(r.q);
      const inst = instrumentFilter(r.q.get("instrument_code"), false);
      const justOrders = r.q.get("with_just_orders") === "true";
      const page = pageNewestFirst(
        acct.orders,
        (o) => ({ id: o.order_id, time: o.time }),
        (o) => statusOk(o.status) && inst(o.instrument_code),
        {
          accountId: acct.id,
          kind: "ORDER",
          cursor: r.q.get("cursor"),
          pageSize,
          ...win,
        },
      );
      return ok({
        order_history: page.items.map((o) => ({
          order: fastOrderJson(acct, o),
          ...(justOrders ? {} : { trades: trades(o.tradeIds) }),
        })),
        max_page_size: page.maxPageSize,
        ...withCursor(page.cursor),
      });
    }
    case "GET orders/:a": {
      const o = recentOrder(acct, a, now);
      return ok({ order: fastOrderJson(acct, o), trades: trades(o.tradeIds) });
    }
    case "GET orders/client/:b": {
      const o = latestByClientId(acct, b, (x) => x.time >= now - FAST_LOOKUP_MS);
      if (!o) throw new SimError(404, ORDER_NOT_FOUND);
      return ok({ order: fastOrderJson(acct, o), trades: trades(o.tradeIds) });
    }
    case "GET orders/:a/trades": {
      const o = recentOrder(acct, a, now);
      const list = o.tradeIds.map((id) => acct.tradesById.get(id)).filter((t): t is SimTrade => Boolean(t));
      const page = pageNewestFirst(
        list,
        (t) => ({ id: t.trade_id, time: t.time }),
        () => true,
        { accountId: acct.id, kind: "TRADE", cursor: r.q.get("cursor"), pageSize: parsePageSize(r.q) },
      );
      return ok({
        trade_history: page.items.map((t) => fastTradeEntryJson(acct, t)),
        max_page_size: page.maxPageSize,
        ...withCursor(page.cursor),
      });
    }
    case "GET trades": {
      const win = parseFastWindow(r.q, now, sevenDaysBackAtMidnight);
      const inst = instrumentFilter(r.q.get("instrument_code"), true);
      const page = pageNewestFirst(
        acct.trades,
        (t) => ({ id: t.trade_id, time: t.time }),
        (t) => inst(t.instrument_code),
        {
          accountId: acct.id,
          kind: "TRADE",
          cursor: r.q.get("cursor"),
          pageSize: parsePageSize(r.q),
          ...win,
        },
      );
      return ok({
        trade_history: page.items.map((t) => fastTradeEntryJson(acct, t)),
        max_page_size: page.maxPageSize,
        ...withCursor(page.cursor),
      });
    }
    case "GET trade/:a": {
      if (!a || !UUID.test(a)) throw new SimError(400, "INVALID_TRADE_ID");
      const t = acct.tradesById.get(a);
      if (!t || t.time < now - FAST_LOOKUP_MS) throw new SimError(404, "NOT_FOUND");
      return ok(fastTradeEntryJson(acct, t));
    }
    case "POST orders": {
      const o = placeOrder(state.market, acct, (r.body ?? {}) as PlaceBody, now, FAST_RULES);
      // The create answer shows a resting order as OPEN (CCXT-OT-FIX); later reads say BOOKED.
      return ok(fastOrderJson(acct, o, o.status === "OPEN" ? "OPEN" : undefined), 201);
    }
    case "DELETE orders": {
      const inst = r.q.get("instrument_code");
      const ids = r.q.get("ids");
      const clientIds = r.q.get("client_ids");
      if ([inst, ids, clientIds].filter((v) => v !== null).length > 1) throw new SimError(400, "INVALID_QUERY");
      const split = (v: string | null) =>
        v === null
          ? undefined
          : v
              .split(",")
              .map((x) => x.trim())
              .filter(Boolean);
      const idList = split(ids);
      const clientList = split(clientIds);
      if (idList && (idList.length > 20 || idList.some((id) => !UUID.test(id))))
        throw new SimError(400, "INVALID_ORDER_ID");
      if (clientList && (clientList.length > 20 || clientList.some((id) => !UUID.test(id))))
        throw new SimError(400, "INVALID_CLIENT_UUID");
      if (inst !== null && !ANY_INSTRUMENT_BY_CODE.has(inst)) throw new SimError(400, "INVALID_INSTRUMENT_CODE");
      const byClient = clientList
        ?.map((c) => latestByClientId(acct, c, (o) => ACTIVE_STATUSES.has(o.status))?.order_id)
        .filter((x): x is string => Boolean(x));
      return ok(cancelMany(acct, { instrument_code: inst ?? undefined, ids: byClient ?? idList }, now));
    }
    case "DELETE orders/:a": {
      const o = recentOrder(acct, a, now);
      if (!ACTIVE_STATUSES.has(o.status)) throw new SimError(404, ORDER_NOT_FOUND);
      cancelOrder(acct, o.order_id, now);
      return ok(fastOrderJson(acct, o, "CANCELLED"));
    }
    case "DELETE orders/client/:b": {
      const o = latestByClientId(acct, b, (x) => ACTIVE_STATUSES.has(x.status));
      if (!o) throw new SimError(404, ORDER_NOT_FOUND);
      cancelOrder(acct, o.order_id, now);
      return ok(fastCancelledJson(o));
    }
    default:
      throw new SimError(404, "NOT_FOUND");
  }
}
