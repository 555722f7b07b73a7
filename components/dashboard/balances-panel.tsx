"use client";
// Balances: sortable, small ones hidden on request, from useValuation; the label tells pushed
// balances (a Trade key's TRADING connection) from REST-read ones.
import { useMemo, useState } from "react";
import type { Valuation } from "@/lib/reads/valuation";
import { compareDecimal, formatDecimal, formatEur, formatPercent } from "@/lib/format/format";
import { useI18n } from "@/components/i18n/locale-provider";
import { Freshness } from "@/components/data/freshness";
import { Empty, ErrorState, Skeleton } from "@/components/data/states";
import type { Initial } from "./use-exchange";
import { Panel } from "./panel";
import { useValuation } from "./use-valuation";

type SortKey = "currency" | "available" | "locked" | "total" | "valueEur";

export function BalancesPanel({ keyId, initial }: { keyId: string; initial?: Initial<Valuation> }) {
  const { t, locale } = useI18n();
  const p = useValuation(keyId, initial);
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: "valueEur", dir: -1 });
  const [hideSmall, setHideSmall] = useState(true);
  const hidden = Boolean(p.data?.amountsHidden);
  const rows = useMemo(() => {
    const all = p.data?.rows ?? [];
    const small = (r: (typeof all)[number]) =>
      hidden
        ? r.sharePct !== null && compareDecimal(r.sharePct, "0.1") < 0
        : r.valueEur !== null
          ? compareDecimal(r.valueEur, "1") < 0
          : compareDecimal(r.total, "0") <= 0;
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
  const toggle = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, dir: s.dir === 1 ? -1 : 1 } : { key, dir: key === "currency" ? 1 : -1 }));
  const value = (r: { valueEur: string | null; sharePct: string | null }) =>
    hidden ? (
      r.sharePct !== null ? (
        formatPercent(r.sharePct, locale)
      ) : (
        <span className="text-slate-600 dark:text-slate-400">{t("balances.noPrice")}</span>
      )
    ) : r.valueEur === null ? (
      <span className="text-slate-600 dark:text-slate-400">{t("balances.noPrice")}</span>
    ) : (
      formatEur(r.valueEur, locale)
    );
  const amt = (v: string) =>
    hidden ? (
      <span className="text-slate-600 dark:text-slate-400">{t("common.hidden")}</span>
    ) : (
      formatDecimal(v, locale)
    );
  return (
    <Panel
      id="balances"
      title={t("balances.title")}
      actions={
        <Freshness
          label="balances"
          // On a live page the balances have a freshness of their own: pushed by the key's
          // TRADING connection ("live"), or read over REST (their age).
          data={p.data?.balances ?? p.data}
          liveText={p.data?.balances ? "fresh.streamingBalances" : undefined}
          error={p.error}
          validating={p.isValidating}
          onRefresh={() => void p.refresh()}
        />
      }
    >
      {hidden ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("common.amountsHiddenNote")}</p> : null}
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input
          type="checkbox"
          className="h-5 w-5"
          checked={hideSmall}
          onChange={(e) => setHideSmall(e.target.checked)}
        />
        {/* With amounts hidden, "small" is a share of the total: no euro value is named. */}
        {t(hidden ? "balances.hideSmallShare" : "balances.hideSmall")}
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
                  <th
                    key={c.key}
                    scope="col"
                    aria-sort={sort.key === c.key ? (sort.dir === 1 ? "ascending" : "descending") : "none"}
                    className={`py-1 font-medium ${c.numeric ? "text-right" : "text-left"}`}
                  >
                    <button
                      type="button"
                      onClick={() => toggle(c.key)}
                      className="min-h-11 px-1 hover:underline"
                      aria-label={t("balances.sortBy", { column: c.label })}
                    >
                      {c.label}
                      {sort.key === c.key ? (sort.dir === 1 ? " ▲" : " ▼") : ""}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={r.currency}
                  className="border-b border-slate-100 dark:border-slate-900"
                  data-currency={r.currency}
                >
                  <th scope="row" className="py-2 text-left font-medium">
                    {r.currency}
                  </th>
                  <td className="text-right tabular-nums">{amt(r.available)}</td>
                  <td className="text-right tabular-nums">{amt(r.locked)}</td>
                  <td className="text-right tabular-nums" data-testid={`total-${r.currency}`}>
                    {amt(r.total)}
                  </td>
                  <td className="text-right tabular-nums">{value(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ul className="flex flex-col gap-2 sm:hidden" data-testid="balances-cards">
            {rows.map((r) => (
              <li key={r.currency} className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
                <p className="flex justify-between gap-2 font-medium">
                  <span>{r.currency}</span>
                  <span className="tabular-nums">{value(r)}</span>
                </p>
                <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-xs text-slate-700 dark:text-slate-300">
                  <dt>{t("balances.available")}</dt>
                  <dd className="text-right tabular-nums break-all">{amt(r.available)}</dd>
                  <dt>{t("balances.locked")}</dt>
                  <dd className="text-right tabular-nums break-all">{amt(r.locked)}</dd>
                  <dt>{t("balances.total")}</dt>
                  <dd className="text-right tabular-nums break-all">{amt(r.total)}</dd>
                </dl>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {hiddenCount > 0 ? (
        <p className="text-xs text-slate-600 dark:text-slate-400">{t("balances.hiddenCount", { n: hiddenCount })}</p>
      ) : null}
    </Panel>
  );
}
