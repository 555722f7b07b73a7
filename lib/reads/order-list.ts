// The order list as the dashboard receives it: each order with a summary of its trades (their
// count, average price, fee total) instead of the trades themselves, which the order dialog
// reads when an order is opened (/api/keys/:id/orders/:orderId/trades). An order older than
// the exchange's single-order lookup (One Trading Fast: 30 days) keeps its trades: the list is
// the only place they can still be read. The CSV export reads the full list (lib/export).
import "server-only";
import type { Order, TradeEntry } from "@/lib/exchange/schemas";
import { getDialectTraits } from "@/lib/env";
import { averagePrice, feeTotal } from "@/lib/money/trades";
import type { HistoryPage } from "./history";

export interface OrderSummary {
  tradeCount: number;
  /** Volume-weighted from the trades; absent when amounts are hidden or there are no trades. */
  averagePrice?: string;
  /** One currency's exact total, or "" when several currencies were charged (then `feeCurrency` lists them). */
  feeTotal?: string;
  feeCurrency?: string;
}

export type OrderListItem = { order: Order; summary: OrderSummary; trades?: TradeEntry[] };

export function summarizeOrder(
  entry: { order: Order; trades?: TradeEntry[] | undefined },
  amountsHidden: boolean,
): OrderSummary {
  const trades = entry.trades ?? [];
  const summary: OrderSummary = { tradeCount: trades.length };
  if (amountsHidden || trades.length === 0) return summary;
  const avg = averagePrice(trades);
  const fee = feeTotal(trades);
  return { ...summary, ...(avg ? { averagePrice: avg } : {}), feeTotal: fee.total, feeCurrency: fee.currency };
}

export function toOrderList(
  page: HistoryPage<{ order: Order; trades?: TradeEntry[] | undefined }>,
  now = Date.now(),
): HistoryPage<OrderListItem> {
  const maxAge = getDialectTraits().lookupMaxAgeMs;
  const hidden = Boolean(page.amountsHidden);
  return {
    ...page,
    items: page.items.map((e) => {
      const tooOld = maxAge !== null && now - Date.parse(e.order.time) > maxAge;
      return {
        order: e.order,
        summary: summarizeOrder(e, hidden),
        ...(tooOld && e.trades ? { trades: e.trades } : {}),
      };
    }),
  };
}
