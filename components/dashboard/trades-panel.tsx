"use client";
// Trade history: the shared history view (./history-table.tsx) with the trades' columns and phone cards.
import type { TradeEntry } from "@/lib/exchange/schemas";
import { tradeValue } from "@/lib/money/trades";
import { formatDecimal } from "@/lib/ui/format";
import { LocalTime } from "@/components/ui/local-time";
import { useI18n } from "@/components/i18n/locale-provider";
import { useHistory, type InitialPage } from "./history-data";
import { HistoryPanel, sideClass, type Column } from "./history-table";

export function TradesPanel({ keyId, initial }: { keyId: string; initial?: InitialPage<TradeEntry> }) {
  const { t, locale } = useI18n();
  const h = useHistory<TradeEntry>(keyId, "trades", initial);
  const hidden = Boolean(h.first?.amountsHidden);
  const qty = (v: string) => (hidden ? t("common.hidden") : formatDecimal(v, locale));
  const price = (e: TradeEntry) => formatDecimal(e.trade.price, locale);
  const columns: Column<TradeEntry>[] = [
    {
      id: "time",
      header: "orders.time",
      className: "py-2",
      cell: (e) => <LocalTime iso={e.trade.time} locale={locale} />,
    },
    { id: "instrument", header: "orders.instrument", cell: (e) => e.trade.instrument_code },
    {
      id: "side",
      header: "orders.side",
      className: "font-medium",
      cell: (e) => <span className={sideClass(e.trade.side)}>{e.trade.side}</span>,
    },
    { id: "amount", header: "orders.amount", numeric: true, cell: (e) => qty(e.trade.amount) },
    { id: "price", header: "orders.price", numeric: true, cell: price },
    {
      id: "value",
      header: "trades.value",
      numeric: true,
      cell: (e) => (hidden ? t("common.hidden") : formatDecimal(tradeValue(e.trade.amount, e.trade.price), locale)),
    },
    {
      id: "fee",
      header: "orders.fee",
      numeric: true,
      className: "text-xs",
      cell: (e) => `${qty(e.fee.fee_amount)} ${e.fee.fee_currency}`,
    },
    { id: "feeType", header: "trades.feeType", className: "text-xs", cell: (e) => e.fee.fee_type ?? "—" },
  ];
  const card = (e: TradeEntry) => (
    <>
      <p className="flex justify-between gap-2 font-medium">
        <span>
          <span className={sideClass(e.trade.side)}>{e.trade.side}</span> {e.trade.instrument_code}
        </span>
        <span className="tabular-nums">{price(e)}</span>
      </p>
      <p className="text-xs tabular-nums break-all text-slate-700 dark:text-slate-300">
        {qty(e.trade.amount)} · {t("orders.fee")} {qty(e.fee.fee_amount)} {e.fee.fee_currency}
      </p>
      <LocalTime iso={e.trade.time} locale={locale} className="text-xs text-slate-600 dark:text-slate-400" />
    </>
  );
  return (
    <HistoryPanel
      kind="trades"
      h={h}
      columns={columns}
      rowId={(e) => e.trade.trade_id}
      card={card}
      cardClassName="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800"
    />
  );
}
