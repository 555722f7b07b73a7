"use client";
// Overview: the key's total in EUR, its 24 h change and its allocation, from useValuation.
import dynamic from "next/dynamic";
import { useMemo } from "react";
import type { Valuation } from "@/lib/reads/valuation";
import { allocation, ALLOCATION_COLOURS as COLOURS } from "@/lib/format/allocation";
import { formatEur, formatPercent } from "@/lib/format/format";
import { useI18n } from "@/components/i18n/locale-provider";
import { Freshness } from "@/components/data/freshness";
import { Empty, ErrorState, Skeleton } from "@/components/data/states";
import type { Initial } from "./use-exchange";
import { Panel } from "./panel";
import { useValuation } from "./use-valuation";

const AllocationChart = dynamic(() => import("./allocation-chart"), {
  ssr: false,
  loading: () => <div className="h-48 w-48 shrink-0" />,
});

export function OverviewPanel({ keyId, initial }: { keyId: string; initial?: Initial<Valuation> }) {
  const { t, locale } = useI18n();
  const p = useValuation(keyId, initial);
  const hidden = Boolean(p.data?.amountsHidden);
  // With amounts hidden, proportions come from the server's share of the total.
  const slices = useMemo(
    () =>
      p.data
        ? allocation(hidden ? p.data.rows.map((r) => ({ currency: r.currency, valueEur: r.sharePct })) : p.data.rows)
        : [],
    [p.data, hidden],
  );
  return (
    <Panel
      id="overview"
      title={t("tabs.overview")}
      actions={
        <Freshness
          label="overview"
          data={p.data}
          error={p.error}
          validating={p.isValidating}
          onRefresh={() => void p.refresh()}
        />
      }
    >
      {p.error ? <ErrorState error={p.error} stale={Boolean(p.data)} /> : null}
      {p.isLoading && !p.data ? <Skeleton rows={3} label={t("tabs.overview")} /> : null}
      {p.data ? (
        p.data.rows.length === 0 ? (
          <Empty>{t("overview.empty")}</Empty>
        ) : (
          <div className="flex flex-col gap-4">
            <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2">
              <div>
                <dt className="text-sm text-slate-600 dark:text-slate-400">{t("overview.total")}</dt>
                <dd className="text-3xl font-semibold tabular-nums" data-testid="total-eur">
                  {hidden ? (
                    <span className="text-base font-normal">{t("common.hiddenByOwner")}</span>
                  ) : (
                    formatEur(p.data.totalEur, locale)
                  )}
                </dd>
              </div>
              <div>
                <dt className="text-sm text-slate-600 dark:text-slate-400">{t("overview.change")}</dt>
                <dd
                  className={`text-xl font-semibold tabular-nums ${p.data.change24hPct?.startsWith("-") ? "text-red-700 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}`}
                >
                  {p.data.change24hPct !== null ? formatPercent(p.data.change24hPct, locale, true) : "—"}
                </dd>
              </div>
            </dl>
            {p.data.pricesUnavailable ? (
              <p className="text-sm text-amber-800 dark:text-amber-300">
                {t("overview.pricesUnavailable", { reason: p.data.pricesUnavailable })}
              </p>
            ) : null}
            {p.data.unpriced.length ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {t("overview.noPrice", { list: p.data.unpriced.join(", ") })}
              </p>
            ) : null}
            {slices.length ? (
              <figure className="flex flex-col items-start gap-4 sm:flex-row sm:items-center">
                <AllocationChart
                  slices={slices.map((s) => ({
                    currency: s.currency,
                    value: Number(s.valueEur),
                    label: hidden
                      ? `${s.currency}: ${formatPercent(s.pct, locale)}`
                      : `${s.currency}: ${formatEur(s.valueEur, locale)} (${formatPercent(s.pct, locale)})`,
                  }))}
                />
                <figcaption className="min-w-0">
                  <p className="mb-2 text-sm font-medium">{t("overview.allocation")}</p>
                  <ul className="flex flex-col gap-1 text-sm" data-testid="allocation">
                    {slices.map((s, i) => (
                      <li key={s.currency} className="flex items-center gap-2">
                        <span
                          aria-hidden="true"
                          className="inline-block h-3 w-3 rounded-sm"
                          style={{ background: COLOURS[i % COLOURS.length] }}
                        />
                        <span className="font-medium">{s.currency}</span>
                        <span className="tabular-nums text-slate-700 dark:text-slate-300">
                          {formatPercent(s.pct, locale)}
                          {hidden ? "" : ` · ${formatEur(s.valueEur, locale)}`}
                        </span>
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
