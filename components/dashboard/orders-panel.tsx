"use client";
// Order history: the shared history view (./history-table.tsx) with the orders' columns and
// phone cards; an order opens in a dialog with its trades and fees.
import { useState } from "react";
import type { Order, TradeEntry } from "@/lib/exchange/schemas";
import { averagePrice, feeTotal } from "@/lib/money/trades";
import { formatDecimal } from "@/lib/ui/format";
import { LocalTime } from "@/components/ui/local-time";
import { useI18n } from "@/components/i18n/locale-provider";
import { useHistory, type InitialPage } from "./history-data";
import { HistoryPanel, sideClass, type Column } from "./history-table";
import { OrderDialog } from "./order-dialog";

export type OrderItem = { order: Order; trades?: TradeEntry[] };

export function OrdersPanel({ keyId, initial }: { keyId: string; initial?: InitialPage<OrderItem> }) {
  const { t, locale } = useI18n();
  const h = useHistory<OrderItem>(keyId, "orders", initial);
  const [open, setOpen] = useState<string | null>(null);
  const hidden = Boolean(h.first?.amountsHidden);
  const fmt = (v: string | undefined | null) => (v ? formatDecimal(v, locale) : "—");
  const qty = (v: string | undefined | null) => (hidden ? t("common.hidden") : fmt(v));
  const fee = (o: OrderItem) => {
    if (hidden) return t("common.hidden");
    if (!o.trades?.length) return "—";
    const f = feeTotal(o.trades);
    return f.total ? `${formatDecimal(f.total, locale)} ${f.currency}` : f.currency;
  };
  const avg = (o: OrderItem) =>
    (o.trades?.length && !hidden ? averagePrice(o.trades) : null) ?? o.order.average_price ?? null;
  const opener = (o: OrderItem) => (
    <span className="sr-only">{t("orders.open", { id: o.order.order_id.slice(0, 8) })}: </span>
  );
  const columns: Column<OrderItem>[] = [
    {
      id: "time",
      header: "orders.time",
      className: "py-1",
      cell: (o) => (
        <button
          type="button"
          className="min-h-11 text-left text-sky-800 underline-offset-2 hover:underline dark:text-sky-300"
          onClick={() => setOpen(o.order.order_id)}
        >
          {opener(o)}
          <LocalTime iso={o.order.time} locale={locale} />
        </button>
      ),
    },
    { id: "instrument", header: "orders.instrument", cell: (o) => o.order.instrument_code },
    {
      id: "side",
      header: "orders.side",
      className: "font-medium",
      cell: (o) => <span className={sideClass(o.order.side)}>{o.order.side}</span>,
    },
    { id: "type", header: "orders.type", cell: (o) => o.order.type },
    { id: "price", header: "orders.price", numeric: true, cell: (o) => fmt(o.order.price) },
    { id: "amount", header: "orders.amount", numeric: true, cell: (o) => qty(o.order.amount) },
    { id: "filled", header: "orders.filled", numeric: true, cell: (o) => qty(o.order.filled_amount) },
    { id: "average", header: "orders.average", numeric: true, cell: (o) => fmt(avg(o)) },
    { id: "status", header: "orders.status", className: "text-xs", cell: (o) => o.order.status },
    { id: "fee", header: "orders.fee", numeric: true, className: "text-xs", cell: fee },
  ];
  const card = (o: OrderItem) => (
    <button
      type="button"
      onClick={() => setOpen(o.order.order_id)}
      className="w-full rounded-md border border-slate-200 p-3 text-left dark:border-slate-800"
    >
      {opener(o)}
      <span className="flex justify-between gap-2 text-sm font-medium">
        <span>
          <span className={sideClass(o.order.side)}>{o.order.side}</span> {o.order.instrument_code}
        </span>
        <span className="text-xs font-normal">{o.order.status}</span>
      </span>
      <span className="mt-1 grid grid-cols-2 gap-x-2 text-xs text-slate-700 dark:text-slate-300">
        <span>
          {o.order.type} · {fmt(o.order.price)}
        </span>
        <span className="text-right tabular-nums break-all">
          {qty(o.order.filled_amount)} / {qty(o.order.amount)}
        </span>
        <LocalTime iso={o.order.time} locale={locale} className="col-span-2" />
      </span>
    </button>
  );
  return (
    <HistoryPanel kind="orders" h={h} columns={columns} rowId={(o) => o.order.order_id} card={card}>
      <OrderDialog
        keyId={keyId}
        orderId={open}
        listed={h.items.find((o) => o.order.order_id === open) ?? null}
        onClose={() => setOpen(null)}
      />
    </HistoryPanel>
  );
}
