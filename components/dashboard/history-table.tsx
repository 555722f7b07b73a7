"use client";
// The history panels' shared view: filters, freshness, the default-range note and the states
// (error, loading, empty), then a table on wide screens and stacked cards on phones, and the
// infinite-scroll footer (with a "Load more" button for keyboards). Orders and trades give
// only their columns and their card (./orders-panel.tsx, ./trades-panel.tsx).
import { useEffect, useRef, type ReactNode } from "react";
import type { HistoryPage } from "@/lib/proxy/history";
import type { MessageKey } from "@/lib/i18n/messages";
import { formatUtc } from "@/lib/ui/format";
import { Freshness } from "@/components/data/freshness";
import { Empty, ErrorState, Skeleton } from "@/components/data/states";
import { useI18n } from "@/components/i18n/locale-provider";
import { HistoryFiltersForm } from "./history-filters-form";
import type { History, HistoryKind } from "./history-data";
import { Panel } from "./panel";

/** One table column: its header's message, whether it holds numbers (right-aligned), and its cell. */
export interface Column<T> {
  id: string;
  header: MessageKey;
  numeric?: boolean;
  /** Extra classes of the cell (the header takes the alignment only). */
  className?: string;
  cell: (item: T) => ReactNode;
}

/** Each kind's own messages, named in full (the client catalogue is picked by what client code names). */
const TEXT = {
  orders: { title: "orders.title", empty: "orders.empty" },
  trades: { title: "trades.title", empty: "trades.empty" },
} as const satisfies Record<HistoryKind, { title: MessageKey; empty: MessageKey }>;

export const sideClass = (side: string) =>
  side === "BUY" ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400";

function InfiniteFooter({ h }: { h: Pick<History<unknown>, "done" | "loadingMore" | "items" | "more"> }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const { done, loadingMore, more } = h;
  useEffect(() => {
    const el = ref.current;
    if (!el || done || typeof IntersectionObserver === "undefined") return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !loadingMore) void more();
      },
      { rootMargin: "200px" },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [done, loadingMore, more]);
  return (
    <div ref={ref} className="flex flex-wrap items-center gap-3 text-sm">
      <span className="text-slate-600 dark:text-slate-400" aria-live="polite">
        {t("orders.shown", { n: h.items.length })}
      </span>
      {done ? (
        <span className="text-slate-600 dark:text-slate-400">{t("orders.end")}</span>
      ) : (
        <button
          type="button"
          onClick={() => void more()}
          disabled={loadingMore}
          className="min-h-11 rounded-md border border-slate-300 px-4 disabled:opacity-60 dark:border-slate-700"
        >
          {loadingMore ? t("orders.loadingMore") : t("orders.more")}
        </button>
      )}
    </div>
  );
}

function DefaultRangeNote({ page }: { page: HistoryPage<unknown> | undefined }) {
  const { t, locale } = useI18n();
  if (!page?.defaultRange) return null;
  return (
    <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="default-range">
      {t("history.defaultRange", {
        from: formatUtc(page.defaultRange.from, locale),
        to: formatUtc(page.defaultRange.to, locale),
      })}
    </p>
  );
}

export function HistoryPanel<T>({
  kind,
  h,
  columns,
  rowId,
  card,
  cardClassName,
  children,
}: {
  kind: HistoryKind;
  h: History<T>;
  columns: Column<T>[];
  /** The row's id, also its `data-order-id` / `data-trade-id`. */
  rowId: (item: T) => string;
  card: (item: T) => ReactNode;
  cardClassName?: string;
  /** Below the list (the order dialog). */
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const title = t(TEXT[kind].title);
  const idAttr = kind === "orders" ? "data-order-id" : "data-trade-id";
  return (
    <Panel
      id={kind}
      title={title}
      actions={
        <Freshness
          label={kind}
          data={h.first}
          error={h.error}
          validating={h.isValidating}
          onRefresh={() => void h.refresh()}
        />
      }
    >
      <HistoryFiltersForm
        key={JSON.stringify(h.filters)}
        kind={kind}
        value={h.filters}
        onChange={h.setFilters}
        windowDays={h.first?.windowDays}
      />
      <DefaultRangeNote page={h.first} />
      {h.first?.amountsHidden ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("common.amountsHiddenNote")}</p>
      ) : null}
      {h.error ? <ErrorState error={h.error} stale={h.items.length > 0} /> : null}
      {h.isLoading ? <Skeleton rows={6} label={title} /> : null}
      {!h.isLoading && h.first && h.items.length === 0 && h.done ? <Empty>{t(TEXT[kind].empty)}</Empty> : null}
      {h.items.length ? (
        <>
          <div className="hidden sm:block">
            <table className="w-full text-sm" data-testid={`${kind}-table`}>
              <caption className="sr-only">{title}</caption>
              <thead>
                <tr className="border-b border-slate-200 text-left dark:border-slate-800">
                  {columns.map((c) => (
                    <th key={c.id} scope="col" className={`py-2 pr-2 font-medium ${c.numeric ? "text-right" : ""}`}>
                      {t(c.header)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {h.items.map((item) => (
                  <tr
                    key={rowId(item)}
                    className="border-b border-slate-100 hover:bg-slate-50 dark:border-slate-900 dark:hover:bg-slate-900"
                    {...{ [idAttr]: rowId(item) }}
                  >
                    {columns.map((c) => (
                      <td
                        key={c.id}
                        className={`pr-2 ${c.numeric ? "text-right tabular-nums" : ""} ${c.className ?? ""}`}
                      >
                        {c.cell(item)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ul className="flex flex-col gap-2 sm:hidden" data-testid={`${kind}-cards`}>
            {h.items.map((item) => (
              <li key={rowId(item)} className={cardClassName}>
                {card(item)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {h.first ? <InfiniteFooter h={h} /> : null}
      {children}
    </Panel>
  );
}
