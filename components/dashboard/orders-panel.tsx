"use client";
// Order history: the shared history view (./history-table.tsx) with the orders' columns, one
// responsive list; the exchange's codes as words (the code on hover). The list carries each
// order's trade summary, not its trades: an order opens in a dialog that reads its trades.
import { useEffect, useState } from "react";
import type { OrderListItem } from "@/lib/reads/order-list";
import { LocalTime } from "@/components/ui/local-time";
import { CodeWord } from "@/components/ui/code-word";
import { useI18n } from "@/components/i18n/locale-provider";
import { useHistory, type InitialPage } from "./history-data";
import { HistoryPanel, sideClass, type Column } from "./history-table";
import { OrderDialog } from "./order-dialog";
import { baseOf, usePrecision } from "./use-precision";
import { followKey, followOrders } from "@/components/data/live-stream";
import { applyOrderPush } from "@/lib/live/order-list-push";

export type OrderItem = OrderListItem;

export function OrdersPanel({
  keyId,
  initial,
  pushed = false,
}: {
  keyId: string;
  initial?: InitialPage<OrderItem>;
  /** A Trade key with its own TRADING connection: orders follow the live stream while it is healthy. */
  pushed?: boolean;
}) {
  const { t, locale } = useI18n();
  const [live, setLive] = useState(false);
  const h = useHistory<OrderItem>(keyId, "orders", initial, live);
  const { applyPages, filters } = h;
  useEffect(() => {
    if (!pushed) return;
    // The key's valuation says whether its TRADING connection is healthy; its order events change the list.
    const stopHealth = followKey(
      keyId,
      (p) => setLive(Boolean(p.balances?.live)),
      () => setLive(false),
    );
    const stopOrders = followOrders(keyId, (o) => void applyPages((pages) => applyOrderPush(pages, o, filters)));
    return () => {
      stopHealth();
      stopOrders();
    };
  }, [keyId, pushed, applyPages, filters]);
  const fmt = usePrecision();
  const [open, setOpen] = useState<string | null>(null);
  const hidden = Boolean(h.first?.amountsHidden);
  const price = (v: string | undefined | null, o: OrderItem) => (v ? fmt.price(v, o.order.instrument_code) : "—");
  const qty = (v: string | undefined | null, o: OrderItem) =>
    hidden ? t("common.hidden") : v ? fmt.amount(v, baseOf(o.order.instrument_code)) : "—";
  const fee = (o: OrderItem) => {
    if (hidden) return t("common.hidden");
    const s = o.summary;
    if (!s?.feeCurrency) return "—";
    return s.feeTotal ? fmt.amount(s.feeTotal, s.feeCurrency) : s.feeCurrency;
  };
  const columns: Column<OrderItem>[] = [
    {
      id: "order",
      header: "orders.order",
      lead: true,
      width: "minmax(8rem,1.2fr)",
      className: "font-medium",
      cell: (o) => (
        <button
          type="button"
          className="min-h-11 text-left text-sky-800 underline underline-offset-2 hover:no-underline dark:text-sky-300"
          onClick={() => setOpen(o.order.order_id)}
        >
          <span className="sr-only">{t("orders.open", { id: o.order.order_id.slice(0, 8) })}: </span>
          <CodeWord kind="side" code={o.order.side} className={sideClass(o.order.side)} /> {o.order.instrument_code}
        </button>
      ),
    },
    {
      id: "time",
      header: "orders.time",
      width: "minmax(7rem,1fr)",
      className: "text-xs",
      cell: (o) => <LocalTime iso={o.order.time} locale={locale} />,
    },
    { id: "type", header: "orders.type", cell: (o) => <CodeWord kind="type" code={o.order.type} /> },
    {
      id: "status",
      header: "orders.status",
      width: "minmax(6rem,1fr)",
      className: "text-xs",
      cell: (o) => <CodeWord kind="status" code={o.order.status} />,
    },
    { id: "price", header: "orders.price", numeric: true, cell: (o) => price(o.order.price, o) },
    { id: "amount", header: "orders.amount", numeric: true, cell: (o) => qty(o.order.amount, o) },
    { id: "filled", header: "orders.filled", numeric: true, cell: (o) => qty(o.order.filled_amount, o) },
    {
      id: "average",
      header: "orders.average",
      numeric: true,
      cell: (o) => price(o.summary?.averagePrice ?? o.order.average_price, o),
    },
    { id: "fee", header: "orders.fee", numeric: true, className: "text-xs", cell: fee },
  ];
  const listed = h.items.find((o) => o.order.order_id === open) ?? null;
  return (
    <HistoryPanel kind="orders" h={h} columns={columns} rowId={(o) => o.order.order_id}>
      <OrderDialog keyId={keyId} orderId={open} listed={listed} onClose={() => setOpen(null)} />
    </HistoryPanel>
  );
}
