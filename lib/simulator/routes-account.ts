// Private endpoints of /public/v1, acting on the caller's account (the key's `sub`).
import { randomUUID } from "node:crypto";
import Decimal from "decimal.js";
import { activeFeeTier, CURRENCY_PRECISION, FEE_TIERS, INSTRUMENT_BY_CODE } from "./market";
import { cancelMany, cancelOrder, placeOrder } from "./engine";
import { SimError } from "./errors";
import type { PlaceBody } from "./order-input";
import { balancesJson, orderJson, tradeEntryJson, txJson } from "./format";
import { orderStatusFilter, pageNewestFirst, parsePageSize, parseTimeWindow } from "./queries";
import { ACTIVE_STATUSES, type Account } from "./ledger";
import type { SimState } from "./state";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AccountRequest {
  method: string;
  segments: string[];
  q: URLSearchParams;
  body: unknown;
}
export interface RouteResult {
  status: number;
  body: unknown;
}

/** Which scope an endpoint needs (the exchange's rule: GET → Read, orders writes → Trade, money moves → Withdraw). */
export function requiredScope(method: string, segments: string[]): "READ_ONLY" | "TRADE" | "WITHDRAW" {
  const [, area] = segments;
  if (area === "deposit" || area === "withdraw") return "WITHDRAW";
  if (area === "orders" && method !== "GET") return "TRADE";
  return "READ_ONLY";
}

function orderById(acct: Account, id: string | undefined) {
  if (!id || !UUID.test(id)) throw new SimError(400, "INVALID_ORDER_ID");
  const o = acct.ordersById.get(id);
  if (!o) throw new SimError(404, "ORDER_NOT_FOUND");
  return o;
}

function tradesOf(acct: Account, ids: string[]) {
  return ids
    .map((id) => acct.tradesById.get(id)!)
    .filter(Boolean)
    .map(tradeEntryJson);
}

export function accountRoute(state: SimState, acct: Account, r: AccountRequest): RouteResult {
  const now = state.now();
  const [, area, a, b] = r.segments;
  const ok = (body: unknown, status = 200): RouteResult => ({ status, body });
  // Money endpoints name a fixed sub-path (deposit/crypto/:currency); orders and trades take an id.
  const money = area === "deposit" || area === "withdraw";
  const key = money
    ? `${r.method} ${area}/${a ?? ""}${b !== undefined ? "/:a" : ""}`
    : area === "orders" && a === "client"
      ? `${r.method} orders/client${b !== undefined ? "/:b" : ""}`
      : `${r.method} ${area}${a !== undefined ? "/:a" : ""}${b !== undefined ? `/${b}` : ""}`;
  switch (key) {
    case "GET balances":
      return ok(balancesJson(acct));
    case "GET fees": {
      const tier = activeFeeTier(acct.volume);
      return ok({
        account_id: acct.id,
        running_trading_volume: acct.volume.toFixed(2),
        fee_group_id: "default",
        collect_fees_in_best: false,
        fee_discount_rate: "25.0",
        minimum_price_value: "0.12",
        fee_tiers: FEE_TIERS,
        active_fee_tier: tier,
      });
    }
    case "GET trading-volume":
      return ok({ volume: acct.volume.toFixed(2) });
    case "GET orders": {
      const win = parseTimeWindow(r.q);
      const pageSize = parsePageSize(r.q);
      const statusOk = orderStatusFilter(r.q);
      const inst = r.q.get("instrument_code");
      if (inst !== null && !INSTRUMENT_BY_CODE.has(inst)) throw new SimError(400, "INVALID_INSTRUMENT_CODE");
      const justOrders = r.q.get("with_just_orders") === "true";
      const page = pageNewestFirst(
        acct.orders,
        (o) => ({ id: o.order_id, time: o.time }),
        (o) => statusOk(o.status) && (inst === null || o.instrument_code === inst),
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
          order: orderJson(o),
          ...(justOrders ? {} : { trades: tradesOf(acct, o.tradeIds) }),
        })),
        max_page_size: page.maxPageSize,
        ...(page.cursor ? { cursor: page.cursor } : {}),
      });
    }
    case "GET orders/:a": {
      const o = orderById(acct, a);
      return ok({ order: orderJson(o), trades: tradesOf(acct, o.tradeIds) });
    }
    case "GET orders/:a/trades": {
      const o = orderById(acct, a);
      const pageSize = parsePageSize(r.q);
      const trades = o.tradeIds.map((id) => acct.tradesById.get(id)!).filter(Boolean);
      const page = pageNewestFirst(
        trades,
        (t) => ({ id: t.trade_id, time: t.time }),
        () => true,
        { accountId: acct.id, kind: "TRADE", cursor: r.q.get("cursor"), pageSize },
      );
      return ok({
        trade_history: page.items.map(tradeEntryJson),
        max_page_size: page.maxPageSize,
        ...(page.cursor ? { cursor: page.cursor } : {}),
      });
    }
    case "GET trades": {
      const win = parseTimeWindow(r.q);
      const pageSize = parsePageSize(r.q);
      const inst = r.q.get("instrument_code");
      if (inst !== null && !INSTRUMENT_BY_CODE.has(inst)) throw new SimError(400, "INVALID_INSTRUMENT_CODE");
      const page = pageNewestFirst(
        acct.trades,
        (t) => ({ id: t.trade_id, time: t.time }),
        (t) => inst === null || t.instrument_code === inst,
        { accountId: acct.id, kind: "TRADE", cursor: r.q.get("cursor"), pageSize, ...win },
      );
      return ok({
        trade_history: page.items.map(tradeEntryJson),
        max_page_size: page.maxPageSize,
        ...(page.cursor ? { cursor: page.cursor } : {}),
      });
    }
    case "GET trades/:a": {
      if (!a || !UUID.test(a)) throw new SimError(400, "INVALID_TRADE_ID");
      const t = acct.tradesById.get(a);
      if (!t) throw new SimError(404, "NOT_FOUND");
      return ok(tradeEntryJson(t));
    }
    case "GET deposits":
    case "GET withdrawals": {
      const win = parseTimeWindow(r.q);
      const pageSize = parsePageSize(r.q);
      const cur = r.q.get("currency_code");
      const list = area === "deposits" ? acct.deposits : acct.withdrawals;
      const page = pageNewestFirst(
        list,
        (t) => ({ id: t.transaction_id, time: t.time }),
        (t) => cur === null || t.currency === cur,
        {
          accountId: acct.id,
          kind: area === "deposits" ? "DEPOSIT" : "WITHDRAWAL",
          cursor: r.q.get("cursor"),
          pageSize,
          ...win,
        },
      );
      return ok({
        [area === "deposits" ? "deposit_history" : "withdrawal_history"]: page.items.map(txJson),
        max_page_size: page.maxPageSize,
        ...(page.cursor ? { cursor: page.cursor } : {}),
      });
    }
    case "POST orders":
      return ok(orderJson(placeOrder(state.market, acct, (r.body ?? {}) as PlaceBody, now)), 201);
    case "DELETE orders": {
      const inst = r.q.get("instrument_code");
      const ids = r.q.get("ids");
      if (inst !== null && ids !== null) throw new SimError(400, "INVALID_QUERY");
      const idList = ids === null ? undefined : ids.split(",").filter(Boolean);
      if (idList && (idList.length > 20 || idList.some((id) => !UUID.test(id))))
        throw new SimError(400, "INVALID_ORDER_ID");
      if (inst !== null && !INSTRUMENT_BY_CODE.has(inst)) throw new SimError(400, "INVALID_INSTRUMENT_CODE");
      return ok(cancelMany(acct, { instrument_code: inst ?? undefined, ids: idList }, now));
    }
    case "DELETE orders/:a": {
      if (!a || !UUID.test(a)) throw new SimError(400, "INVALID_ORDER_ID");
      cancelOrder(acct, a, now);
      return ok(null, 204);
    }
    case "DELETE orders/client/:b": {
      // DELETE /account/orders/client/{client_id} (lib/exchange/REFERENCE.md §5.1 #11): the active order with that client_id.
      if (!b || !UUID.test(b)) throw new SimError(400, "INVALID_CLIENT_UUID");
      const o = [...acct.orders].reverse().find((x) => x.client_id === b && ACTIVE_STATUSES.has(x.status));
      if (!o) throw new SimError(404, "ORDER_NOT_FOUND");
      cancelOrder(acct, o.order_id, now);
      return ok(null, 204);
    }
    case "POST deposit/crypto":
    case "GET deposit/crypto/:a": {
      const currency = b ?? String((r.body as { currency?: unknown } | null)?.currency ?? "");
      if (!CURRENCY_PRECISION.has(currency) || currency === "EUR") throw new SimError(404, "CURRENCY_NOT_FOUND");
      return ok({
        address: `sim-${currency.toLowerCase()}-${acct.id.slice(0, 8)}`,
        destination_tag: "",
        enabled: true,
        is_smart_contract: false,
        ...(b ? { can_create_more: false } : {}),
      });
    }
    case "POST withdraw/crypto": {
      const body = (r.body ?? {}) as { currency?: unknown; amount?: unknown; recipient?: { address?: unknown } };
      const currency = String(body.currency ?? "");
      if (!CURRENCY_PRECISION.has(currency) || currency === "EUR") throw new SimError(404, "CURRENCY_NOT_FOUND");
      if (typeof body.amount !== "string" || !/^\d+(\.\d+)?$/.test(body.amount) || new Decimal(body.amount).lte(0))
        throw new SimError(400, "INVALID_AMOUNT");
      if (typeof body.recipient?.address !== "string") throw new SimError(400, "INVALID_QUERY");
      const amount = new Decimal(body.amount);
      const bal = acct.balance(currency);
      if (bal.available.lt(amount)) throw new SimError(422, "INSUFFICIENT_FUNDS");
      acct.credit(currency, amount.neg(), now);
      const tx = {
        transaction_id: randomUUID(),
        account_id: acct.id,
        amount,
        type: "CRYPTO" as const,
        funds_source: "EXTERNAL" as const,
        time: now,
        currency,
        fee_amount: new Decimal(0),
        fee_currency: currency,
      };
      acct.withdrawals.push(tx);
      acct.external.set(currency, (acct.external.get(currency) ?? new Decimal(0)).sub(amount));
      return ok(
        {
          amount: body.amount,
          fee: "0",
          recipient: body.recipient.address,
          destination_tag: "",
          transaction_id: tx.transaction_id,
        },
        201,
      );
    }
    default:
      throw new SimError(404, "NOT_FOUND");
  }
}
