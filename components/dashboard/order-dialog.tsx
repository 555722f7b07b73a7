"use client";
// One order with its trades and fees, in a native modal dialog (focus is trapped and
// returned by the browser; Escape closes it). When the exchange can't look the order up because
// it is older than its lookup limit (One Trading Fast: 30 days), the dialog says so and shows
// the order and trades as the order list gave them, so nothing is lost.
import { useEffect, useRef } from "react";
import type { Order, TradeEntry } from "@/lib/exchange/schemas";
import type { OrderSummary } from "@/lib/reads/order-list";
import { averagePrice, feeTotal, tradeValue } from "@/lib/money/trades";
import { LocalTime } from "@/components/ui/local-time";
import { CodeWord } from "@/components/ui/code-word";
import { useI18n } from "@/components/i18n/locale-provider";
import { Freshness } from "@/components/data/freshness";
import { ErrorState, Skeleton } from "@/components/data/states";
import { useExchange } from "./use-exchange";
import { baseOf, usePrecision } from "./use-precision";

const TOO_OLD = "ORDER_LOOKUP_OUT_OF_RANGE";
const LOOKUP_DAYS = 30;

export function OrderDialog({
  keyId,
  orderId,
  listed = null,
  onClose,
}: {
  keyId: string;
  orderId: string | null;
  listed?: { order: Order; summary?: OrderSummary; trades?: TradeEntry[] } | null;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const fmt = usePrecision();
  const ref = useRef<HTMLDialogElement>(null);
  const order = useExchange<{
    data: { order: Order; trades?: TradeEntry[] };
    fetchedAt: string;
    source: "live" | "cache" | "stale";
    staleReason?: string;
    amountsHidden?: boolean;
  }>(orderId ? `/api/keys/${keyId}/orders/${orderId}` : null);
  const trades = useExchange<{
    data: { trade_history: TradeEntry[] };
    fetchedAt: string;
    source: "live" | "cache" | "stale";
    staleReason?: string;
    amountsHidden?: boolean;
  }>(orderId ? `/api/keys/${keyId}/orders/${orderId}/trades` : null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (orderId && !d.open) d.showModal?.();
    if (!orderId && d.open) d.close();
  }, [orderId]);
  const tooOld = order.error?.reason === TOO_OLD;
  const fromList = tooOld && listed ? listed : null;
  const o = order.data?.data.order ?? fromList?.order;
  const hidden = Boolean(order.data?.amountsHidden || trades.data?.amountsHidden);
  const instrument = o?.instrument_code ?? listed?.order.instrument_code ?? "";
  const base = baseOf(instrument);
  const qty = (v: string) => (hidden ? t("common.hidden") : fmt.amount(v, base));
  const list = trades.data?.data.trade_history ?? fromList?.trades ?? [];
  const fees = list.length && !hidden ? feeTotal(list) : null;
  const avg =
    (list.length && !hidden ? averagePrice(list) : null) ?? listed?.summary?.averagePrice ?? o?.average_price ?? null;
  const reason = o?.reason;
  const row = (label: string, value: React.ReactNode) => (
    <>
      <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="tabular-nums break-all">{value}</dd>
    </>
  );
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby="order-dialog-title"
      className="m-auto w-[calc(100vw-1rem)] max-w-2xl rounded-lg border border-slate-200 bg-white p-0 text-slate-900 backdrop:bg-black/50 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
    >
      {orderId ? (
        <div className="flex max-h-[85dvh] flex-col gap-3 overflow-y-auto p-4">
          <header className="flex items-start justify-between gap-2">
            <h2 id="order-dialog-title" className="text-lg font-semibold break-all">
              {t("orders.detail", { id: orderId.slice(0, 8) })}
            </h2>
            <button
              type="button"
              className="min-h-11 min-w-11 rounded-md border border-slate-300 px-3 text-sm dark:border-slate-700"
              onClick={() => ref.current?.close()}
            >
              {t("orders.close")}
            </button>
          </header>
          <Freshness label="order" data={order.data} error={order.error} validating={order.isValidating} />
          {tooOld ? (
            <p
              role="status"
              className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
              data-testid="order-too-old"
            >
              {t(fromList ? "orders.lookupTooOld" : "orders.lookupTooOldNoList", { days: LOOKUP_DAYS })}
            </p>
          ) : order.error ? (
            <ErrorState error={order.error} stale={Boolean(o)} />
          ) : null}
          {!o && !order.error ? <Skeleton rows={4} label={t("orders.detail", { id: orderId.slice(0, 8) })} /> : null}
          {o ? (
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="order-detail">
              {row(t("orders.time"), <LocalTime iso={o.time} locale={locale} />)}
              {row(t("orders.instrument"), o.instrument_code)}
              {row(t("orders.side"), <CodeWord kind="side" code={o.side} />)}
              {row(t("orders.type"), <CodeWord kind="type" code={o.type} />)}
              {o.time_in_force
                ? row(
                    t("orders.timeInForce"),
                    <>
                      <CodeWord kind="tif" code={o.time_in_force} />
                      {o.is_post_only ? ` · ${t("orders.postOnly")}` : ""}
                    </>,
                  )
                : null}
              {row(
                t("orders.status"),
                <CodeWord
                  kind="status"
                  code={o.status}
                  title={typeof o.exchange_status === "string" ? `${o.status} (${o.exchange_status})` : o.status}
                />,
              )}
              {reason ? row(t("orders.reason"), <CodeWord kind="reason" code={reason} />) : null}
              {row(t("orders.price"), o.price ? fmt.price(o.price, o.instrument_code) : "—")}
              {row(t("orders.amount"), qty(o.amount))}
              {row(t("orders.filled"), qty(o.filled_amount))}
              {row(t("orders.average"), avg ? fmt.price(avg, o.instrument_code) : "—")}
              {row(
                t("orders.fee"),
                hidden
                  ? t("common.hidden")
                  : fees
                    ? fees.total
                      ? fmt.amount(fees.total, fees.currency)
                      : fees.currency
                    : "—",
              )}
            </dl>
          ) : null}
          <h3 className="text-base font-semibold">{t("orders.trades")}</h3>
          {trades.error && !(fromList && trades.error.reason === TOO_OLD) ? (
            <ErrorState error={trades.error} stale={list.length > 0} />
          ) : null}
          {(trades.data || fromList) && list.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">{t("orders.noTrades")}</p>
          ) : null}
          {list.length ? (
            <ul className="flex flex-col gap-2 text-sm" data-testid="order-trades">
              {list.map((e) => (
                <li
                  key={e.trade.trade_id}
                  className="rounded-md border border-slate-200 p-2 dark:border-slate-800"
                  data-trade-id={e.trade.trade_id}
                >
                  <p className="tabular-nums break-all">
                    {t("orders.tradeAt", {
                      amount: qty(e.trade.amount),
                      price: fmt.price(e.trade.price, e.trade.instrument_code),
                    })}
                    {hidden
                      ? ""
                      : ` = ${fmt.value(tradeValue(e.trade.amount, e.trade.price), e.trade.instrument_code)}`}
                  </p>
                  <p className="text-xs text-slate-600 dark:text-slate-400">
                    {t("orders.fee")} {hidden ? t("common.hidden") : fmt.amount(e.fee.fee_amount, e.fee.fee_currency)}
                    {e.fee.fee_type ? (
                      <>
                        {" · "}
                        <CodeWord kind="liquidity" code={e.fee.fee_type} />
                      </>
                    ) : null}{" "}
                    · <LocalTime iso={e.trade.time} locale={locale} />
                  </p>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </dialog>
  );
}
