"use client";
// The value chart with its range links and the change over the range, split (approximately)
// into prices and balance changes. With amounts hidden, only percentages appear.
import { useMemo } from "react";
import type { KeySeries } from "@/lib/portfolio/key-series";
import { RANGES, type Range } from "@/lib/portfolio/ranges";
import { formatEur, formatPercent, INTL_LOCALE } from "@/lib/format/format";
import { useI18n } from "@/components/i18n/locale-provider";
import { LazyValueChart } from "./lazy-value-chart";

export type SeriesFigures = Pick<
  KeySeries,
  | "points"
  | "changeEur"
  | "changePct"
  | "priceEffectEur"
  | "balanceEffectEur"
  | "priceEffectPct"
  | "balanceEffectPct"
  | "amountsHidden"
>;

const tone = (v: string | null) =>
  v?.startsWith("-") ? "text-red-700 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400";

export function RangePicker({ range, onPick, href }: { range: Range; onPick?: (r: Range) => void; href?: string }) {
  const { t } = useI18n();
  return (
    <nav aria-label={t("history.range")}>
      <ul className="flex flex-wrap gap-1">
        {RANGES.map((r) => {
          const cls = `inline-flex min-h-11 min-w-11 items-center justify-center rounded-md px-3 text-sm font-medium ${r === range ? "bg-slate-900 text-white dark:bg-white dark:text-slate-900" : "border border-slate-300 dark:border-slate-700"}`;
          return (
            <li key={r}>
              {href ? (
                <a href={`${href}${r}`} className={cls} aria-current={r === range ? "true" : undefined}>
                  {t(`history.range.${r}`)}
                </a>
              ) : (
                <button type="button" className={cls} aria-pressed={r === range} onClick={() => onPick?.(r)}>
                  {t(`history.range.${r}`)}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export function SeriesSummary({ h }: { h: SeriesFigures }) {
  const { t, locale } = useI18n();
  const hide = h.amountsHidden;
  const points = useMemo(
    () =>
      h.points.map(([at, v]) => ({
        t: Date.parse(at),
        v: Number(v),
        label: hide ? formatPercent(v, locale, true) : formatEur(v, locale),
      })),
    [h.points, hide, locale],
  );
  const text = useMemo(() => {
    const tag = INTL_LOCALE[locale];
    const day = new Intl.DateTimeFormat(tag, { month: "short", day: "numeric", timeZone: "UTC" });
    const when = new Intl.DateTimeFormat(tag, {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: "UTC",
    });
    const axis = hide
      ? new Intl.NumberFormat(tag, { maximumFractionDigits: 1, signDisplay: "exceptZero" })
      : new Intl.NumberFormat(tag, {
          style: "currency",
          currency: "EUR",
          notation: "compact",
          maximumFractionDigits: 1,
        });
    return {
      tick: (ms: number) => day.format(new Date(ms)),
      when: (ms: number) => `${when.format(new Date(ms))} UTC`,
      axis: (v: number) => (hide ? `${axis.format(v)} %` : axis.format(v)),
      name: t(hide ? "history.changeSince" : "history.value"),
      change: hide,
    };
  }, [locale, hide, t]);
  if (h.points.length < 2) return <p className="text-sm text-slate-600 dark:text-slate-400">{t("history.empty")}</p>;
  const fig = (eur: string | null, pct: string | null) =>
    hide || eur === null
      ? pct !== null
        ? formatPercent(pct, locale, true)
        : "—"
      : `${formatEur(eur, locale)}${pct !== null ? ` (${formatPercent(pct, locale, true)})` : ""}`;
  return (
    <div className="flex flex-col gap-3">
      {hide ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("history.hiddenNote")}</p> : null}
      <figure className="min-w-0">
        <LazyValueChart points={points} text={text} />
        <figcaption className="text-xs text-slate-600 dark:text-slate-400">
          <span className="sr-only">{t("history.chartLabel")}. </span>
          {t(hide ? "history.axisChange" : "history.axisFromZero")}
        </figcaption>
      </figure>
      <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-3" data-testid="history-change">
        <div>
          <dt className="text-slate-600 dark:text-slate-400">{t("history.change")}</dt>
          <dd className={`font-semibold tabular-nums ${tone(h.changePct)}`}>{fig(h.changeEur, h.changePct)}</dd>
        </div>
        <div>
          <dt className="text-slate-600 dark:text-slate-400">{t("history.priceEffect")} ≈</dt>
          <dd className="tabular-nums">{fig(h.priceEffectEur, h.priceEffectPct)}</dd>
        </div>
        <div>
          <dt className="text-slate-600 dark:text-slate-400">{t("history.balanceEffect")} ≈</dt>
          <dd className="tabular-nums">{fig(h.balanceEffectEur, h.balanceEffectPct)}</dd>
        </div>
      </dl>
      <p className="text-xs text-slate-600 dark:text-slate-400">{t("history.approx")}</p>
    </div>
  );
}
