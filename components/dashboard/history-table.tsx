"use client";
// The history panels' shared view: filters, freshness, the default-range note and the states
// (error, loading, empty), then ONE responsive list (rows of columns on wide screens, each
// value labelled on phones: every item is rendered once), and the infinite-scroll footer (with
// a "Load more" button for keyboards). Orders and trades give only their columns
// (./orders-panel.tsx, ./trades-panel.tsx).
import { useEffect, useRef, type CSSProperties, type ReactNode } from "react";
import type { HistoryPage } from "@/lib/reads/history";
import type { MessageKey } from "@/lib/i18n/messages";
import { formatUtc } from "@/lib/format/format";
import { Freshness } from "@/components/data/freshness";
import { Empty, ErrorState, Skeleton } from "@/components/data/states";
import { useI18n } from "@/components/i18n/locale-provider";
import { HistoryFiltersForm } from "./history-filters-form";
import type { History, HistoryKind } from "./history-data";
import { Panel } from "./panel";

/**
 * One column: its header's message (also the value's label on phones, and for screen readers),
 * whether it holds numbers (right-aligned), its width on wide screens, and its cell. `lead`
 * cells open the item on phones: they span the row and carry no label.
 */
export interface Column<T> {
  id: string;
  header: MessageKey;
  numeric?: boolean;
  /** A CSS grid track on wide screens ("minmax(0,1fr)" when not given). */
  width?: string;
  lead?: boolean;
  /** Extra classes of the cell (the header takes the alignment only). */
  className?: string;
  cell: (item: T) => ReactNode;
}

/** Each kind's own messages, named in full (the client catalogue is picked by what client code names). */
const TEXT = {
  orders: { title: "orders.title", empty: "orders.empty" },
  trades: { title: "trades.title", empty: "trades.empty" },
} as const satisfies Record<HistoryKind, { title: MessageKey; empty: MessageKey }>;

/** A side's colour; the side's word goes with it (colour is never the only sign). */
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

/** The list: a header row and rows on a grid from `md` up, labelled stacks below it; one DOM for both. */
function HistoryList<T>({
  kind,
  items,
  columns,
  rowId,
  title,
}: {
  kind: HistoryKind;
  items: T[];
  columns: Column<T>[];
  rowId: (item: T) => string;
  title: string;
}) {
  const { t } = useI18n();
  const idAttr = kind === "orders" ? "data-order-id" : "data-trade-id";
  // The row, cell and label classes are in app/globals.css (one class each, not 20 utilities per row).
  const tracks = { "--cols": columns.map((c) => c.width ?? "minmax(0,1fr)").join(" ") } as CSSProperties;
  return (
    <div className="text-sm" style={tracks}>
      <div
        aria-hidden="true"
        className="hidden border-b border-slate-200 py-2 font-medium md:grid md:items-center md:gap-x-2 md:[grid-template-columns:var(--cols)] dark:border-slate-800"
      >
        {columns.map((c) => (
          <span key={c.id} className={c.numeric ? "text-right" : ""}>
            {t(c.header)}
          </span>
        ))}
      </div>
      <ul aria-label={title} className="flex flex-col gap-2 md:gap-0" data-testid={`${kind}-list`}>
        {items.map((item) => (
          <li key={rowId(item)} className="history-row" {...{ [idAttr]: rowId(item) }}>
            {columns.map((c) => (
              <span
                key={c.id}
                data-col={c.id}
                className={`history-cell ${c.lead ? "col-span-2 md:col-span-1" : ""} ${c.numeric ? "tabular-nums md:text-right" : ""} ${c.className ?? ""}`}
              >
                {c.lead ? null : <span className="history-label">{t(c.header)}</span>}
                {c.cell(item)}
              </span>
            ))}
          </li>
        ))}
      </ul>
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
  children,
}: {
  kind: HistoryKind;
  h: History<T>;
  columns: Column<T>[];
  /** The row's id, also its `data-order-id` / `data-trade-id`. */
  rowId: (item: T) => string;
  /** Below the list (the order dialog). */
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const title = t(TEXT[kind].title);
  return (
    <Panel
      id={kind}
      title={title}
      actions={
        <Freshness
          label={kind}
          // Pushed by the key's TRADING connection: "live", not the first page's age.
          data={h.live && h.first ? { ...h.first, source: "live", live: true } : h.first}
          liveText={kind === "orders" ? "fresh.streamingOrders" : undefined}
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
        <HistoryList kind={kind} items={h.items} columns={columns} rowId={rowId} title={title} />
      ) : null}
      {h.first ? <InfiniteFooter h={h} /> : null}
      {children}
    </Panel>
  );
}
