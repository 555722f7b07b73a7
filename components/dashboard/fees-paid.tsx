"use client";
// "Fees paid" on the Fees tab: for the chosen range, the fees of the key's trades per currency
// (exact, as the exchange charged them) and their sum in EUR at today's prices. It reads up to
// 30 pages of trades from the exchange, so it runs when the reader picks a range, not on load.
import { useState } from "react";
import type { FeesPaid as FeesPaidData, FeeRange } from "@/lib/reads/fees-paid";
import { useI18n } from "@/components/i18n/locale-provider";
import { formatEur, formatMoney } from "@/lib/format/format";
import { useExchange } from "./use-exchange";

const RANGES: FeeRange[] = ["7d", "30d", "90d"];

export function FeesPaid({ keyId }: { keyId: string }) {
  const { t, locale } = useI18n();
  const [range, setRange] = useState<FeeRange | null>(null);
  const { data, error } = useExchange<FeesPaidData>(range ? `/api/keys/${keyId}/fees-paid?range=${range}` : null);
  return (
    <section aria-labelledby="fees-paid-title" className="flex flex-col gap-2" data-testid="fees-paid">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="fees-paid-title" className="text-sm font-semibold">
          {t("fees.paidTitle")}
        </h3>
        <div role="group" aria-label={t("fees.paidRange")} className="flex gap-1">
          {RANGES.map((r) => (
            <button
              key={r}
              type="button"
              aria-pressed={r === range}
              onClick={() => setRange(r)}
              className={`rounded border px-2 py-0.5 text-xs ${
                r === range
                  ? "border-sky-700 bg-sky-700 text-white"
                  : "border-slate-300 text-slate-800 dark:border-slate-700 dark:text-slate-200"
              }`}
            >
              {t(`fees.paidRange.${r}`)}
            </button>
          ))}
        </div>
      </div>
      {error ? <p className="text-sm text-red-700 dark:text-red-300">{error.message}</p> : null}
      {!range ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("fees.paidPick")}</p> : null}
      {range && !data && !error ? <p className="text-sm text-slate-600 dark:text-slate-400">…</p> : null}
      {data?.amountsHidden ? <p className="text-sm">{t("common.hidden")}</p> : null}
      {data && !data.amountsHidden ? (
        <>
          {data.byCurrency.length ? (
            <ul className="flex flex-col gap-1 text-sm tabular-nums">
              {data.byCurrency.map((c) => (
                <li key={c.currency} className="flex flex-wrap justify-between gap-2">
                  <span>{formatMoney(c.amount, c.currency, locale)}</span>
                  <span className="text-slate-600 dark:text-slate-400">
                    {c.valueEur !== null ? formatEur(c.valueEur, locale) : t("fees.paidNoPrice")}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm">{t("fees.paidNone")}</p>
          )}
          <p className="text-sm font-medium" data-testid="fees-paid-total">
            {t("fees.paidTotal", {
              total: data.totalEur !== null ? formatEur(data.totalEur, locale) : "—",
              trades: data.trades,
            })}
          </p>
          {!data.complete ? (
            <p className="text-xs text-amber-900 dark:text-amber-200">{t("fees.paidPartial")}</p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
