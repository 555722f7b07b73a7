"use client";
// Order and trade history: filters in the URL, cursor pages through useSWRInfinite with
// infinite scroll (and a "Load more" button for keyboards), a table on wide screens and
// stacked cards on phones; an order opens in a dialog with its trades and fees.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import useSWRInfinite from "swr/infinite";
import type { HistoryPage } from "@/lib/proxy/history";
import type { Order, TradeEntry } from "@/lib/exchange/schemas";
import { averagePrice, feeTotal, tradeValue } from "@/lib/export/csv";
import { filtersToQuery, filtersToSearch, parseFilters, type HistoryFilters } from "@/lib/ui/history-filters";
import { formatDecimal, formatUtc } from "@/lib/ui/format";
import { fetchJson, exchangeSWR } from "@/components/data/fetcher";
import { Freshness } from "@/components/data/freshness";
import { Empty, ErrorState, Skeleton } from "@/components/data/states";
import { useI18n } from "@/components/i18n/locale-provider";
import type { AppError } from "@/lib/errors";
import { HistoryFiltersForm } from "./history-filters-form";
import { OrderDialog } from "./order-dialog";
import { Panel } from "./panel";

type OrderItem = { order: Order; trades?: TradeEntry[] };

function useFilters(tab: string): [HistoryFilters, (f: HistoryFilters) => void] {
  const sp = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo(() => parseFilters(sp), [sp]);
  const set = useCallback((f: HistoryFilters) => router.replace(`${pathname}${filtersToSearch(f, tab)}`, { scroll: false }), [router, pathname, tab]);
  return [filters, set];
}

function useHistory<T>(keyId: string, kind: "orders" | "trades", filters: HistoryFilters) {
  const base = `/api/keys/${keyId}/${kind}?${filtersToQuery(filters, { kind }).toString()}`;
  const getKey = (index: number, prev: HistoryPage<T> | null) => {
    if (prev && !prev.nextCursor) return null;
    return index === 0 ? base : `${base}&cursor=${encodeURIComponent(prev!.nextCursor!)}`;
  };
  const swr = useSWRInfinite<HistoryPage<T>, AppError>(getKey, fetchJson, { ...exchangeSWR, revalidateFirstPage: false, revalidateOnFocus: false });
  const pages = swr.data ?? [];
  const items = pages.flatMap((p) => p.items);
  const last = pages[pages.length - 1];
  const done = Boolean(last && !last.nextCursor);
  const loadingMore = swr.isLoading || (swr.size > 0 && pages.length < swr.size && !swr.error);
  const first = pages[0];
  return { ...swr, items, done, loadingMore, first };
}

function InfiniteFooter({ done, loadingMore, count, onMore }: { done: boolean; loadingMore: boolean; count: number; onMore: () => void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || done || typeof IntersectionObserver === "undefined") return;
    const io = new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting) && !loadingMore) onMore(); }, { rootMargin: "200px" });
    io.observe(el);
    return () => io.disconnect();
  }, [done, loadingMore, onMore]);
  return (
    <div ref={ref} className="flex flex-wrap items-center gap-3 text-sm">
      <span className="text-slate-600 dark:text-slate-400" aria-live="polite">{t("orders.shown", { n: count })}</span>
      {done ? <span className="text-slate-600 dark:text-slate-400">{t("orders.end")}</span> : (
        <button type="button" onClick={onMore} disabled={loadingMore} className="min-h-11 rounded-md border border-slate-300 px-4 disabled:opacity-60 dark:border-slate-700">
          {loadingMore ? t("orders.loadingMore") : t("orders.more")}
        </button>
      )}
    </div>
  );
}

const sideClass = (side: string) => (side === "BUY" ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400");

export function OrdersPanel({ keyId }: { keyId: string }) {
  const { t, locale } = useI18n();
  const [filters, setFilters] = useFilters("orders");
  const h = useHistory<OrderItem>(keyId, "orders", filters);
  const [open, setOpen] = useState<string | null>(null);
  const more = useCallback(() => void h.setSize((s) => s + 1), [h]);
  const hidden = Boolean(h.first?.amountsHidden);
  const fmt = (v: string | undefined | null) => (v ? formatDecimal(v, locale) : "—");
  const qty = (v: string | undefined | null) => (hidden ? t("common.hidden") : fmt(v));
  const fee = (o: OrderItem) => {
    if (hidden) return t("common.hidden");
    if (!o.trades?.length) return "—";
    const f = feeTotal(o.trades);
    return f.total ? `${formatDecimal(f.total, locale)} ${f.currency}` : f.currency;
  };
  const avg = (o: OrderItem) => (o.trades?.length && !hidden ? averagePrice(o.trades) : null) ?? o.order.average_price ?? null;
  return (
    <Panel id="orders" title={t("orders.title")} actions={<Freshness label="orders" data={h.first} error={h.error} validating={h.isValidating} onRefresh={() => void h.mutate()} />}>
      <HistoryFiltersForm key={JSON.stringify(filters)} kind="orders" value={filters} onChange={setFilters} />
      {hidden ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("common.amountsHiddenNote")}</p> : null}
      {h.error ? <ErrorState error={h.error} stale={h.items.length > 0} /> : null}
      {h.isLoading ? <Skeleton rows={6} label={t("orders.title")} /> : null}
      {!h.isLoading && h.first && h.items.length === 0 && h.done ? <Empty>{t("orders.empty")}</Empty> : null}
      {h.items.length ? (
        <>
          <div className="hidden sm:block">
            <table className="w-full text-sm" data-testid="orders-table">
              <caption className="sr-only">{t("orders.title")}</caption>
              <thead>
                <tr className="border-b border-slate-200 text-left dark:border-slate-800">
                  {["time", "instrument", "side", "type", "price", "amount", "filled", "average", "status", "fee"].map((c) => (
                    <th key={c} scope="col" className={`py-2 pr-2 font-medium ${["price", "amount", "filled", "average", "fee"].includes(c) ? "text-right" : ""}`}>{t(`orders.${c}` as "orders.time")}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {h.items.map((o) => (
                  <tr key={o.order.order_id} className="border-b border-slate-100 hover:bg-slate-50 dark:border-slate-900 dark:hover:bg-slate-900" data-order-id={o.order.order_id}>
                    <td className="py-1 pr-2">
                      <button type="button" className="min-h-11 text-left text-sky-800 underline-offset-2 hover:underline dark:text-sky-300" onClick={() => setOpen(o.order.order_id)}>
                        <span className="sr-only">{t("orders.open", { id: o.order.order_id.slice(0, 8) })}: </span>
                        <time dateTime={o.order.time}>{formatUtc(o.order.time, locale)}</time>
                      </button>
                    </td>
                    <td className="pr-2">{o.order.instrument_code}</td>
                    <td className={`pr-2 font-medium ${sideClass(o.order.side)}`}>{o.order.side}</td>
                    <td className="pr-2">{o.order.type}</td>
                    <td className="pr-2 text-right tabular-nums">{fmt(o.order.price)}</td>
                    <td className="pr-2 text-right tabular-nums">{qty(o.order.amount)}</td>
                    <td className="pr-2 text-right tabular-nums">{qty(o.order.filled_amount)}</td>
                    <td className="pr-2 text-right tabular-nums">{fmt(avg(o))}</td>
                    <td className="pr-2 text-xs">{o.order.status}</td>
                    <td className="text-right tabular-nums text-xs">{fee(o)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ul className="flex flex-col gap-2 sm:hidden" data-testid="orders-cards">
            {h.items.map((o) => (
              <li key={o.order.order_id}>
                <button type="button" onClick={() => setOpen(o.order.order_id)} className="w-full rounded-md border border-slate-200 p-3 text-left dark:border-slate-800">
                  <span className="sr-only">{t("orders.open", { id: o.order.order_id.slice(0, 8) })}: </span>
                  <span className="flex justify-between gap-2 text-sm font-medium">
                    <span><span className={sideClass(o.order.side)}>{o.order.side}</span> {o.order.instrument_code}</span>
                    <span className="text-xs font-normal">{o.order.status}</span>
                  </span>
                  <span className="mt-1 grid grid-cols-2 gap-x-2 text-xs text-slate-700 dark:text-slate-300">
                    <span>{o.order.type} · {fmt(o.order.price)}</span>
                    <span className="text-right tabular-nums break-all">{qty(o.order.filled_amount)} / {qty(o.order.amount)}</span>
                    <time dateTime={o.order.time} className="col-span-2">{formatUtc(o.order.time, locale)}</time>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {h.first ? <InfiniteFooter done={h.done} loadingMore={h.loadingMore} count={h.items.length} onMore={more} /> : null}
      <OrderDialog keyId={keyId} orderId={open} onClose={() => setOpen(null)} />
    </Panel>
  );
}

export function TradesPanel({ keyId }: { keyId: string }) {
  const { t, locale } = useI18n();
  const [filters, setFilters] = useFilters("trades");
  const h = useHistory<TradeEntry>(keyId, "trades", filters);
  const more = useCallback(() => void h.setSize((s) => s + 1), [h]);
  const hidden = Boolean(h.first?.amountsHidden);
  const qty = (v: string) => (hidden ? t("common.hidden") : formatDecimal(v, locale));
  return (
    <Panel id="trades" title={t("trades.title")} actions={<Freshness label="trades" data={h.first} error={h.error} validating={h.isValidating} onRefresh={() => void h.mutate()} />}>
      <HistoryFiltersForm key={JSON.stringify(filters)} kind="trades" value={filters} onChange={setFilters} />
      {hidden ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("common.amountsHiddenNote")}</p> : null}
      {h.error ? <ErrorState error={h.error} stale={h.items.length > 0} /> : null}
      {h.isLoading ? <Skeleton rows={6} label={t("trades.title")} /> : null}
      {!h.isLoading && h.first && h.items.length === 0 && h.done ? <Empty>{t("trades.empty")}</Empty> : null}
      {h.items.length ? (
        <>
          <div className="hidden sm:block">
            <table className="w-full text-sm" data-testid="trades-table">
              <caption className="sr-only">{t("trades.title")}</caption>
              <thead>
                <tr className="border-b border-slate-200 text-left dark:border-slate-800">
                  <th scope="col" className="py-2 pr-2 font-medium">{t("orders.time")}</th>
                  <th scope="col" className="pr-2 font-medium">{t("orders.instrument")}</th>
                  <th scope="col" className="pr-2 font-medium">{t("orders.side")}</th>
                  <th scope="col" className="pr-2 text-right font-medium">{t("orders.amount")}</th>
                  <th scope="col" className="pr-2 text-right font-medium">{t("orders.price")}</th>
                  <th scope="col" className="pr-2 text-right font-medium">{t("trades.value")}</th>
                  <th scope="col" className="pr-2 text-right font-medium">{t("orders.fee")}</th>
                  <th scope="col" className="font-medium">{t("trades.feeType")}</th>
                </tr>
              </thead>
              <tbody>
                {h.items.map((e) => (
                  <tr key={e.trade.trade_id} className="border-b border-slate-100 dark:border-slate-900" data-trade-id={e.trade.trade_id}>
                    <td className="py-2 pr-2"><time dateTime={e.trade.time}>{formatUtc(e.trade.time, locale)}</time></td>
                    <td className="pr-2">{e.trade.instrument_code}</td>
                    <td className={`pr-2 font-medium ${sideClass(e.trade.side)}`}>{e.trade.side}</td>
                    <td className="pr-2 text-right tabular-nums">{qty(e.trade.amount)}</td>
                    <td className="pr-2 text-right tabular-nums">{formatDecimal(e.trade.price, locale)}</td>
                    <td className="pr-2 text-right tabular-nums">{hidden ? t("common.hidden") : formatDecimal(tradeValue(e.trade.amount, e.trade.price), locale)}</td>
                    <td className="pr-2 text-right tabular-nums text-xs">{qty(e.fee.fee_amount)} {e.fee.fee_currency}</td>
                    <td className="text-xs">{e.fee.fee_type ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ul className="flex flex-col gap-2 sm:hidden" data-testid="trades-cards">
            {h.items.map((e) => (
              <li key={e.trade.trade_id} className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800">
                <p className="flex justify-between gap-2 font-medium"><span><span className={sideClass(e.trade.side)}>{e.trade.side}</span> {e.trade.instrument_code}</span><span className="tabular-nums">{formatDecimal(e.trade.price, locale)}</span></p>
                <p className="text-xs tabular-nums break-all text-slate-700 dark:text-slate-300">{qty(e.trade.amount)} · {t("orders.fee")} {qty(e.fee.fee_amount)} {e.fee.fee_currency}</p>
                <time dateTime={e.trade.time} className="text-xs text-slate-600 dark:text-slate-400">{formatUtc(e.trade.time, locale)}</time>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {h.first ? <InfiniteFooter done={h.done} loadingMore={h.loadingMore} count={h.items.length} onMore={more} /> : null}
    </Panel>
  );
}
