// A pushed order event applied to the order list on the page: the order's status and filled
// amount change in place and its trade summary grows by the fill (exact decimals); a new order
// goes on top when the filters take it; an open-orders list lets a filled order go; a viewer
// with hidden amounts keeps empty amounts.
import { applyOrderPush, listStatusOf } from "@/lib/live/order-list-push";
import type { OrderPush } from "@/lib/live/order-push";
import type { HistoryPage } from "@/lib/reads/history";
import type { OrderListItem } from "@/lib/reads/order-list";
import { EMPTY_FILTERS } from "@/lib/format/history-filters";

const item = (id: string, extra: Partial<OrderListItem["order"]> = {}): OrderListItem => ({
  order: {
    order_id: id,
    account_id: "a",
    instrument_code: "BTC_EUR",
    time: "2026-12-06T10:00:00.000Z",
    side: "BUY",
    type: "LIMIT",
    amount: "0.02",
    filled_amount: "0",
    price: "50000",
    status: "OPEN",
    ...extra,
  },
  summary: { tradeCount: 0 },
});

const page = (items: OrderListItem[]): HistoryPage<OrderListItem> => ({
  items,
  nextCursor: null,
  fetchedAt: "2026-12-06T10:00:00.000Z",
  source: "live",
  window: null,
  windowDays: 30,
});

const push = (extra: Partial<OrderPush>): OrderPush => ({
  keyId: "k",
  orderId: "o-1",
  instrument: "BTC_EUR",
  side: "BUY",
  orderType: "LIMIT",
  status: "FILL",
  open: true,
  amount: "0.02",
  remaining: "0.01",
  price: "50000",
  time: "1765015200000000001",
  at: "2026-12-06T10:00:00.000Z",
  fill: { tradeId: "t-1", amount: "0.01", price: "49990.5", fee: "0.00001", feeCurrency: "BTC" },
  ...extra,
});

it("a fill changes the listed order in place: status, filled amount, average price and fees, exactly", () => {
  const one = applyOrderPush([page([item("o-1"), item("o-2")])], push({}), EMPTY_FILTERS)!;
  const o = one[0]!.items[0]!;
  expect(o.order).toMatchObject({ status: "FILLED", filled_amount: "0.01" });
  expect(o.summary).toEqual({ tradeCount: 1, averagePrice: "49990.5", feeTotal: "0.00001", feeCurrency: "BTC" });
  const two = applyOrderPush(
    one,
    push({
      status: "FILLED_FULLY",
      open: false,
      remaining: "0",
      fill: { tradeId: "t-2", amount: "0.01", price: "50010.5", fee: "0.00002", feeCurrency: "BTC" },
    }),
    EMPTY_FILTERS,
  )!;
  const done = two[0]!.items[0]!;
  expect(done.order).toMatchObject({ status: "FILLED_FULLY", filled_amount: "0.02" });
  expect(done.summary).toEqual({ tradeCount: 2, averagePrice: "50000.5", feeTotal: "0.00003", feeCurrency: "BTC" });
  expect(two[0]!.items[1]!.order.order_id).toBe("o-2");
});

it("a new order goes on top when the filters take it, and not when they don't", () => {
  const pages = [page([item("o-2")])];
  const booked = push({ orderId: "o-9", status: "OPEN", remaining: "0.02", fill: null });
  expect(applyOrderPush(pages, booked, EMPTY_FILTERS)![0]!.items.map((i) => i.order.order_id)).toEqual(["o-9", "o-2"]);
  expect(applyOrderPush(pages, booked, { ...EMPTY_FILTERS, instrument: "ETH_EUR" })).toBe(pages);
  expect(applyOrderPush(pages, booked, { ...EMPTY_FILTERS, status: "filled" })).toBe(pages);
  expect(applyOrderPush(pages, booked, { ...EMPTY_FILTERS, side: "SELL" })).toBe(pages);
});

it("an open-orders list lets a filled or cancelled order go", () => {
  const pages = [page([item("o-1"), item("o-2")])];
  const open = { ...EMPTY_FILTERS, status: "open" as const };
  const cancelled = applyOrderPush(pages, push({ status: "CANCELLED", open: false, fill: null }), open)!;
  expect(cancelled[0]!.items.map((i) => i.order.order_id)).toEqual(["o-2"]);
});

it("Fast's refusals read as rejected with their reason; hidden amounts stay empty", () => {
  expect(listStatusOf({ status: "INSUFFICIENT_FUNDS" })).toEqual({ status: "REJECTED", reason: "INSUFFICIENT_FUNDS" });
  const hidden = push({
    orderId: "o-7",
    amount: "",
    remaining: "",
    amountsHidden: true,
    fill: { tradeId: "t", amount: "", price: "50000", fee: "", feeCurrency: "BTC" },
  });
  const added = applyOrderPush([page([])], hidden, EMPTY_FILTERS)![0]!.items[0]!;
  expect(added.order.amount).toBe("");
  expect(added.order.filled_amount).toBe("");
  expect(added.summary).toEqual({ tradeCount: 1 });
});
