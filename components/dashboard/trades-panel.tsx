"use client";
// Trade history: the shared history view (./history-table.tsx) with the trades' columns, one
// responsive list; every figure with its currency, the exchange's codes as words.
import type { TradeEntry } from "@/lib/exchange/schemas";
import { tradeValue } from "@/lib/money/trades";
import { LocalTime } from "@/components/ui/local-time";
import { CodeWord } from "@/components/ui/code-word";
import { useI18n } from "@/components/i18n/locale-provider";
import { useHistory, type InitialPage } from "./history-data";
import { HistoryPanel, sideClass, type Column } from "./history-table";
import { baseOf, usePrecision } from "./use-precision";

export function TradesPanel({ keyId, initial }: { keyId: string; initial?: InitialPage<TradeEntry> }) {
  const { t, locale } = useI18n();
  const h = useHistory<TradeEntry>(keyId, "trades", initial);
  const fmt = usePrecision();
  const hidden = Boolean(h.first?.amountsHidden);
  const columns: Column<TradeEntry>[] = [
    {
      id: "trade",
      header: "orders.instrument",
      lead: true,
      width: "minmax(8rem,1.2fr)",
      className: "font-medium",
      cell: (e) => (
        <>
          <CodeWord kind="side" code={e.trade.side} className={sideClass(e.trade.side)} /> {e.trade.instrument_code}
        </>
      ),
    },
    {
      id: "time",
      header: "orders.time",
      width: "minmax(7rem,1fr)",
      className: "text-xs",
      cell: (e) => <LocalTime iso={e.trade.time} locale={locale} />,
    },
    {
      id: "amount",
      header: "orders.amount",
      numeric: true,
      cell: (e) => (hidden ? t("common.hidden") : fmt.amount(e.trade.amount, baseOf(e.trade.instrument_code))),
    },
    {
      id: "price",
      header: "orders.price",
      numeric: true,
      cell: (e) => fmt.price(e.trade.price, e.trade.instrument_code),
    },
    {
      id: "value",
      header: "trades.value",
      numeric: true,
      cell: (e) =>
        hidden ? t("common.hidden") : fmt.value(tradeValue(e.trade.amount, e.trade.price), e.trade.instrument_code),
    },
    {
      id: "fee",
      header: "orders.fee",
      numeric: true,
      className: "text-xs",
      cell: (e) => (hidden ? t("common.hidden") : fmt.amount(e.fee.fee_amount, e.fee.fee_currency)),
    },
    {
      id: "feeType",
      header: "trades.feeType",
      className: "text-xs",
      cell: (e) => (e.fee.fee_type ? <CodeWord kind="liquidity" code={e.fee.fee_type} /> : "—"),
    },
  ];
  return <HistoryPanel kind="trades" h={h} columns={columns} rowId={(e) => e.trade.trade_id} />;
}
