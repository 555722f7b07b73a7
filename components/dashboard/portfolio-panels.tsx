"use client";
// Overview (total in EUR, 24 h change, allocation) and Balances (sortable, hide small), both
// from /api/keys/:id/portfolio, valued on the server with exact decimals.
import dynamic from "next/dynamic";
import { useMemo, useState } from "react";
import type { Portfolio } from "@/lib/proxy/portfolio";
import { allocation, ALLOCATION_COLOURS as COLOURS } from "@/lib/ui/allocation";
import { compareDecimal, formatDecimal, formatEur, formatPercent } from "@/lib/ui/format";
import { useI18n } from "@/components/i18n/locale-provider";
import { Freshness } from "@/components/data/freshness";
import { Empty, ErrorState, Skeleton } from "@/components/data/states";
import { useExchange } from "./use-exchange";
import { Panel } from "./panel";

const AllocationChart = dynamic(() => import("./allocation-chart"), { ssr: false, loading: () => <div className="h-48 w-48 shrink-0" /> });

export function usePortfolio(keyId: string) {
  return useExchange<Portfolio>(`/api/keys/${keyId}/portfolio`, { refreshInterval: 30_000 });
}

export function OverviewPanel({ keyId }: { keyId: string }) {
  const { t, locale } = useI18n();
  const p = usePortfolio(keyId);
  const hidden = Boolean(p.data?.amountsHidden);
  // With amounts hidden, proportions come from the server's share of the total.
  const slices = useMemo(() => (p.data ? allocation(hidden ? p.data.rows.map((r) => ({ currency: r.currency, valueEur: r.sharePct })) : p.data.rows) : []), [p.data, hidden]);
  return (
    <Panel id="overview" title={t("tabs.overview")} actions={<Freshness label="overview" data={p.data} error={p.error} validating={p.isValidating} onRefresh={p.refresh} />}>
      {p.error ? <ErrorState error={p.error} stale={Boolean(p.data)} /> : null}
      {p.isLoading && !p.data ? <Skeleton rows={3} label={t("tabs.overview")} /> : null}
      {p.data ? (
        p.data.rows.length === 0 ? <Empty>{t("overview.empty")}</Empty> : (
          <div className="flex flex-col gap-4">
            <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2">
              <div>
                <dt className="text-sm text-slate-600 dark:text-slate-400">{t("overview.total")}</dt>
                <dd className="text-3xl font-semibold tabular-nums" data-testid="total-eur">{hidden ? <span className="text-base font-normal">{t("common.hiddenByOwner")}</span> : formatEur(p.data.totalEur, locale)}</dd>
              </div>
              <div>
                <dt className="text-sm text-slate-600 dark:text-slate-400">{t("overview.change")}</dt>
                <dd className={`text-xl font-semibold tabular-nums ${p.data.change24hPct?.startsWith("-") ? "text-red-700 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}`}>
                  {p.data.change24hPct !== null ? formatPercent(p.data.change24hPct, locale, true) : "—"}
                </dd>
              </div>
            </dl>
            {p.data.pricesUnavailable ? <p className="text-sm text-amber-800 dark:text-amber-300">{t("overview.pricesUnavailable", { reason: p.data.pricesUnavailable })}</p> : null}
            {p.data.unpriced.length ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("overview.noPrice", { list: p.data.unpriced.join(", ") })}</p> : null}
            {slices.length ? (
              <figure className="flex flex-col items-start gap-4 sm:flex-row sm:items-center">
                <AllocationChart slices={slices.map((s) => ({ currency: s.currency, value: Number(s.valueEur), label: hidden ? `${s.currency}: ${s.pct} %` : `${s.currency}: ${formatEur(s.valueEur, locale)} (${s.pct} %)` }))} />
                <figcaption className="min-w-0">
                  <p className="mb-2 text-sm font-medium">{t("overview.allocation")}</p>
                  <ul className="flex flex-col gap-1 text-sm" data-testid="allocation">
                    {slices.map((s, i) => (
                      <li key={s.currency} className="flex items-center gap-2">
                        <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm" style={{ background: COLOURS[i % COLOURS.length] }} />
                        <span className="font-medium">{s.currency}</span>
                        <span className="tabular-nums text-slate-700 dark:text-slate-300">{formatDecimal(s.pct, locale, { minFraction: 1 })} %{hidden ? "" : ` · ${formatEur(s.valueEur, locale)}`}</span>
                      </li>
                    ))}
                  </ul>
                </figcaption>
              </figure>
            ) : null}
          </div>
        )
      ) : null}
    </Panel>
  );
}

type SortKey = "currency" | "available" | "locked" | "total" | "valueEur";

export function BalancesPanel({ keyId }: { keyId: string }) {
  const { t, locale } = useI18n();
  const p = usePortfolio(keyId);
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: "valueEur", dir: -1 });
  const [hideSmall, setHideSmall] = useState(true);
  const hidden = Boolean(p.data?.amountsHidden);
  const rows = useMemo(() => {
    const all = p.data?.rows ?? [];
    const small = (r: (typeof all)[number]) => (hidden ? r.sharePct !== null && compareDecimal(r.sharePct, "0.1") < 0 : r.valueEur !== null ? compareDecimal(r.valueEur, "1") < 0 : compareDecimal(r.total, "0") <= 0);
    const visible = hideSmall ? all.filter((r) => !small(r)) : all;
    return [...visible].sort((a, b) => {
      if (sort.key === "currency") return a.currency.localeCompare(b.currency) * sort.dir;
      const k = hidden ? "sharePct" : sort.key;
      const av = a[k];
      const bv = b[k];
      if (av === null || bv === null) return av === bv ? 0 : av === null ? 1 : -1; // "no price" last
      return compareDecimal(av, bv) * sort.dir;
    });
  }, [p.data, sort, hideSmall, hidden]);
  const hiddenCount = (p.data?.rows.length ?? 0) - rows.length;
  const columns: { key: SortKey; label: string; numeric: boolean }[] = [
    { key: "currency", label: t("balances.currency"), numeric: false },
    { key: "available", label: t("balances.available"), numeric: true },
    { key: "locked", label: t("balances.locked"), numeric: true },
    { key: "total", label: t("balances.total"), numeric: true },
    { key: "valueEur", label: t("balances.value"), numeric: true },
  ];
  const toggle = (key: SortKey) => setSort((s) => (s.key === key ? { key, dir: s.dir === 1 ? -1 : 1 } : { key, dir: key === "currency" ? 1 : -1 }));
  const value = (r: { valueEur: string | null; sharePct: string | null }) => (hidden ? (r.sharePct !== null ? `${formatDecimal(r.sharePct, locale, { minFraction: 1 })} %` : <span className="text-slate-500">{t("balances.noPrice")}</span>) : r.valueEur === null ? <span className="text-slate-500">{t("balances.noPrice")}</span> : formatEur(r.valueEur, locale));
  const amt = (v: string) => (hidden ? <span className="text-slate-500">{t("common.hidden")}</span> : formatDecimal(v, locale));
  return (
    <Panel id="balances" title={t("balances.title")} actions={<Freshness label="balances" data={p.data} error={p.error} validating={p.isValidating} onRefresh={p.refresh} />}>
      {hidden ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("common.amountsHiddenNote")}</p> : null}
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" className="h-5 w-5" checked={hideSmall} onChange={(e) => setHideSmall(e.target.checked)} />
        {t("balances.hideSmall")}
      </label>
      {p.error ? <ErrorState error={p.error} stale={Boolean(p.data)} /> : null}
      {p.isLoading && !p.data ? <Skeleton label={t("balances.title")} /> : null}
      {p.data && rows.length === 0 ? <Empty>{t("balances.empty")}</Empty> : null}
      {rows.length ? (
        <>
          <table className="hidden w-full text-sm sm:table" data-testid="balances-table">
            <caption className="sr-only">{t("balances.title")}</caption>
            <thead>
              <tr className="border-b border-slate-200 dark:border-slate-800">
                {columns.map((c) => (
                  <th key={c.key} scope="col" aria-sort={sort.key === c.key ? (sort.dir === 1 ? "ascending" : "descending") : "none"} className={`py-1 font-medium ${c.numeric ? "text-right" : "text-left"}`}>
                    <button type="button" onClick={() => toggle(c.key)} className="min-h-11 px-1 hover:underline" aria-label={t("balances.sortBy", { column: c.label })}>
                      {c.label}{sort.key === c.key ? (sort.dir === 1 ? " ▲" : " ▼") : ""}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.currency} className="border-b border-slate-100 dark:border-slate-900" data-currency={r.currency}>
                  <th scope="row" className="py-2 text-left font-medium">{r.currency}</th>
                  <td className="text-right tabular-nums">{amt(r.available)}</td>
                  <td className="text-right tabular-nums">{amt(r.locked)}</td>
                  <td className="text-right tabular-nums" data-testid={`total-${r.currency}`}>{amt(r.total)}</td>
                  <td className="text-right tabular-nums">{value(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ul className="flex flex-col gap-2 sm:hidden" data-testid="balances-cards">
            {rows.map((r) => (
              <li key={r.currency} className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
                <p className="flex justify-between gap-2 font-medium"><span>{r.currency}</span><span className="tabular-nums">{value(r)}</span></p>
                <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-xs text-slate-700 dark:text-slate-300">
                  <dt>{t("balances.available")}</dt><dd className="text-right tabular-nums break-all">{amt(r.available)}</dd>
                  <dt>{t("balances.locked")}</dt><dd className="text-right tabular-nums break-all">{amt(r.locked)}</dd>
                  <dt>{t("balances.total")}</dt><dd className="text-right tabular-nums break-all">{amt(r.total)}</dd>
                </dl>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {hiddenCount > 0 ? <p className="text-xs text-slate-600 dark:text-slate-400">{t("balances.hiddenCount", { n: hiddenCount })}</p> : null}
    </Panel>
  );
}
