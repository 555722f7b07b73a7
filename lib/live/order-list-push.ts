// An order event pushed on the live stream (a Trade key's TRADING connection), applied to the
// order list the page holds: the order's new status and filled amount in place (its trade
// summary grows by the fill, exactly), a new order at the top when the list's filters take it,
// and an order that no longer matches them (an open-orders list, once filled) taken out. Pure,
// browser-safe; amounts stay empty for a viewer with hidden amounts.
import Decimal from "decimal.js";
import type { HistoryPage } from "@/lib/reads/history";
import type { OrderListItem } from "@/lib/reads/order-list";
import type { OrderPush } from "./order-push";
import type { HistoryFilters } from "@/lib/format/history-filters";

/** The refusals Fast's TRADING reports as a status: the order list shows them as rejected, with the reason. */
const REASONS = new Set(["INSUFFICIENT_FUNDS", "INSUFFICIENT_LIQUIDITY", "SELF_TRADE"]);
const FILLED = new Set(["FILLED_FULLY", "FILLED", "DONE", "FILLED_CLOSED"]);
const CANCELLED = new Set(["CANCELLED", "CLOSED", "REJECTED", "FILLED_REJECTED", "FAILED"]);

/** The status (and reason) the order list shows for a pushed event. */
export function listStatusOf(push: Pick<OrderPush, "status">): { status: string; reason?: string } {
  if (REASONS.has(push.status)) return { status: "REJECTED", reason: push.status };
  if (push.status === "FILL") return { status: "FILLED" };
  return { status: push.status };
}

function matches(item: OrderListItem, push: OrderPush, f: HistoryFilters): boolean {
  const o = item.order;
  if (f.instrument && o.instrument_code !== f.instrument) return false;
  if (f.side && o.side !== f.side) return false;
  if (f.status === "open" && !push.open) return false;
  if (f.status === "filled" && !FILLED.has(o.status)) return false;
  if (f.status === "cancelled" && !CANCELLED.has(o.status)) return false;
  const day = o.time.slice(0, 10);
  if (f.from && day < f.from) return false;
  if (f.to && day > f.to) return false;
  return true;
}

const exact = (s: string | null | undefined) => (s && s !== "" ? new Decimal(s) : null);

function updated(item: OrderListItem, push: OrderPush): OrderListItem {
  const { status, reason } = listStatusOf(push);
  const amount = exact(push.amount);
  const remaining = exact(push.remaining);
  const order = {
    ...item.order,
    status,
    ...(reason ? { reason } : {}),
    ...(amount && remaining ? { filled_amount: amount.sub(remaining).toFixed() } : {}),
    time_last_updated: push.at,
  };
  let summary = item.summary;
  if (push.fill) {
    const fillAmount = exact(push.fill.amount);
    const before = exact(item.order.filled_amount) ?? new Decimal(0);
    const avgBefore = exact(summary.averagePrice ?? item.order.average_price);
    const avg =
      fillAmount && !push.amountsHidden
        ? before.isZero() || !avgBefore
          ? new Decimal(push.fill.price)
          : avgBefore.mul(before).add(new Decimal(push.fill.price).mul(fillAmount)).div(before.add(fillAmount))
        : null;
    const fee = exact(push.fill.fee);
    const sameFee = !summary.feeCurrency || summary.feeCurrency === push.fill.feeCurrency;
    summary = {
      ...summary,
      tradeCount: summary.tradeCount + 1,
      ...(avg ? { averagePrice: avg.toFixed() } : {}),
      ...(fee && push.fill.feeCurrency && !push.amountsHidden
        ? sameFee
          ? { feeTotal: fee.add(exact(summary.feeTotal) ?? 0).toFixed(), feeCurrency: push.fill.feeCurrency }
          : { feeTotal: "", feeCurrency: [summary.feeCurrency, push.fill.feeCurrency].join(", ") }
        : {}),
    };
  }
  return { ...item, order, summary };
}

function created(push: OrderPush): OrderListItem {
  const { status, reason } = listStatusOf(push);
  const amount = exact(push.amount);
  const remaining = exact(push.remaining);
  return {
    order: {
      order_id: push.orderId,
      account_id: "",
      instrument_code: push.instrument,
      time: push.at,
      side: push.side === "SELL" ? "SELL" : "BUY",
      type: push.orderType ?? "LIMIT",
      amount: push.amount ?? "",
      filled_amount: amount && remaining ? amount.sub(remaining).toFixed() : push.amountsHidden ? "" : "0",
      ...(push.price ? { price: push.price } : {}),
      status,
      ...(reason ? { reason } : {}),
    },
    summary: { tradeCount: 0 },
  };
}

/** The list's pages after `push` (the same pages when it changes nothing shown). */
export function applyOrderPush(
  pages: HistoryPage<OrderListItem>[] | undefined,
  push: OrderPush,
  filters: HistoryFilters,
): HistoryPage<OrderListItem>[] | undefined {
  if (!pages?.length) return pages;
  const at = pages.findIndex((p) => p.items.some((i) => i.order.order_id === push.orderId));
  if (at >= 0) {
    return pages.map((p, n) => {
      if (n !== at) return p;
      const items = p.items.flatMap((i) => {
        if (i.order.order_id !== push.orderId) return [i];
        const next = push.fill ? updated(i, push) : updated(i, { ...push, fill: null });
        return matches(next, push, filters) ? [next] : [];
      });
      return { ...p, items };
    });
  }
  const fresh = created(push);
  if (!matches(fresh, push, filters)) return pages;
  // A fill of an order the page never listed still adds it: its first event may predate the page.
  const listed =
    push.fill && !push.amountsHidden
      ? updated({ ...fresh, order: { ...fresh.order, filled_amount: "0" } }, push)
      : push.fill
        ? updated(fresh, push)
        : fresh;
  const first = { ...pages[0]!, items: [listed, ...pages[0]!.items] };
  return [first, ...pages.slice(1)];
}
