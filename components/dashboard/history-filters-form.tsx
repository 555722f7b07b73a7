"use client";
// Filters for order and trade history: instrument, side, status group (orders), UTC date range.
import { useState } from "react";
import useSWR from "swr";
import { fetchJson } from "@/components/data/fetcher";
import { useI18n } from "@/components/i18n/locale-provider";
import { EMPTY_FILTERS, filterProblems, type HistoryFilters } from "@/lib/format/history-filters";

const field =
  "min-h-11 w-full rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-900";

export function HistoryFiltersForm({
  kind,
  value,
  onChange,
  windowDays,
}: {
  kind: "orders" | "trades";
  value: HistoryFilters;
  onChange: (f: HistoryFilters) => void;
  windowDays?: number;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(value);
  const instruments = useSWR<{ data: { code?: string; base?: { code: string }; quote?: { code: string } }[] }>(
    "/api/market/instruments",
    fetchJson,
    { revalidateOnFocus: false },
  );
  const codes = (instruments.data?.data ?? [])
    .map((i) => i.code ?? (i.base && i.quote ? `${i.base.code}_${i.quote.code}` : ""))
    .filter(Boolean)
    .sort();
  const problems = filterProblems(draft);
  const set = <K extends keyof HistoryFilters>(k: K, v: HistoryFilters[K]) => setDraft((d) => ({ ...d, [k]: v }));
  return (
    <form
      aria-label={t("filters.title")}
      className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5"
      onSubmit={(e) => {
        e.preventDefault();
        if (!Object.keys(problems).length) onChange(draft);
      }}
    >
      <label className="flex flex-col gap-1 text-sm">
        {t("filters.instrument")}
        <select
          className={field}
          value={draft.instrument}
          onChange={(e) => set("instrument", e.target.value)}
          name="instrument"
        >
          <option value="">{t("filters.anyInstrument")}</option>
          {draft.instrument && !codes.includes(draft.instrument) ? (
            <option value={draft.instrument}>{draft.instrument}</option>
          ) : null}
          {codes.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm">
        {t("filters.side")}
        <select
          className={field}
          value={draft.side}
          onChange={(e) => set("side", e.target.value as HistoryFilters["side"])}
          name="side"
        >
          <option value="">{t("filters.anySide")}</option>
          <option value="BUY">{t("filters.buy")}</option>
          <option value="SELL">{t("filters.sell")}</option>
        </select>
      </label>
      {kind === "orders" ? (
        <label className="flex flex-col gap-1 text-sm">
          {t("filters.status")}
          <select
            className={field}
            value={draft.status}
            onChange={(e) => set("status", e.target.value as HistoryFilters["status"])}
            name="status"
          >
            {(["all", "open", "filled", "cancelled"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`filters.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="flex flex-col gap-1 text-sm">
        {t("filters.from")}
        <input
          type="date"
          className={field}
          value={draft.from}
          onChange={(e) => set("from", e.target.value)}
          name="from"
          aria-invalid={Boolean(problems.from)}
          aria-describedby={problems.from ? "from-problem" : undefined}
        />
        {problems.from ? (
          <span id="from-problem" className="text-xs text-red-700 dark:text-red-400">
            {problems.from}
          </span>
        ) : null}
      </label>
      <label className="flex flex-col gap-1 text-sm">
        {t("filters.to")}
        <input type="date" className={field} value={draft.to} onChange={(e) => set("to", e.target.value)} name="to" />
      </label>
      <div className="flex flex-wrap items-end gap-2 sm:col-span-2 lg:col-span-5">
        <button
          type="submit"
          className="min-h-11 rounded-md bg-sky-700 px-4 text-sm font-medium text-white hover:bg-sky-800 dark:bg-sky-700"
        >
          {t("filters.apply")}
        </button>
        <button
          type="button"
          className="min-h-11 rounded-md border border-slate-300 px-4 text-sm dark:border-slate-700"
          onClick={() => {
            setDraft(EMPTY_FILTERS);
            onChange(EMPTY_FILTERS);
          }}
        >
          {t("filters.reset")}
        </button>
        {windowDays ? (
          <p className="text-xs text-slate-600 dark:text-slate-400">{t("filters.windowNote", { days: windowDays })}</p>
        ) : null}
      </div>
    </form>
  );
}
