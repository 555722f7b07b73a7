"use client";
// Under a key's value chart: the rebuild of its earlier values (progress while it runs, then
// which days are rebuilt) and, plainly, what a Read key cannot see. From
// /api/keys/:id/backfill (no amounts, no exchange call); polled while the rebuild runs.
import { useRef } from "react";
import useSWR from "swr";
import type { BackfillStatus as Status } from "@/lib/snapshots/backfill-state";
import type { AppError } from "@/lib/errors";
import { fetchJson } from "@/components/data/fetcher";
import { ErrorState } from "@/components/data/states";
import { useI18n } from "@/components/i18n/locale-provider";
import { INTL_LOCALE, type Locale } from "@/lib/format/format";

function utcDay(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: "UTC", dateStyle: "medium" }).format(new Date(iso));
}

export function BackfillStatus({ keyId, onDone }: { keyId: string; onDone?: () => void }) {
  const { t, locale } = useI18n();
  const seen = useRef<Status["state"] | null>(null);
  const s = useSWR<Status, AppError>(`/api/keys/${keyId}/backfill`, fetchJson, {
    refreshInterval: (d) => (d && (d.state === "queued" || d.state === "running") ? 3_000 : 0),
    // The chart reloads once, when a rebuild this page watched finishes.
    onSuccess: (d) => {
      if (d.state === "done" && (seen.current === "queued" || seen.current === "running")) onDone?.();
      seen.current = d.state;
    },
  });
  if (s.error && !s.data) return <ErrorState error={s.error} />;
  const d = s.data;
  if (!d || d.state === "none") return null;
  const blind = d.firstRecordedAt
    ? t("backfill.blindSpot", { first: utcDay(d.firstRecordedAt, locale) })
    : t("backfill.blindSpotNoFirst");
  return (
    <section
      aria-labelledby={`backfill-${keyId}`}
      className="flex flex-col gap-2 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800"
      data-testid="backfill-status"
      data-state={d.state}
      data-reason={d.reason ?? undefined}
    >
      <h3 id={`backfill-${keyId}`} className="font-medium">
        {t("backfill.title")}
      </h3>
      {d.state === "queued" ? <p role="status">{t("backfill.queued", { days: d.maxDays })}</p> : null}
      {d.state === "running" ? (
        <div className="flex flex-col gap-1">
          <p role="status">{t("backfill.running", { done: d.daysDone, total: d.daysTotal })}</p>
          <progress
            className="h-2 w-full"
            aria-label={t("backfill.progressLabel")}
            max={Math.max(d.daysTotal, 1)}
            value={d.daysDone}
          />
        </div>
      ) : null}
      {d.state === "done" ? (
        <p>
          {d.from && d.to
            ? t("backfill.done", { from: utcDay(d.from, locale), to: utcDay(d.to, locale) })
            : t("backfill.doneNone")}
        </p>
      ) : null}
      {d.state === "failed" ? (
        <p role="alert">{d.reason === "MISSING_PERMISSION" ? t("backfill.noRead") : t("backfill.failed")}</p>
      ) : null}
      {d.state === "cancelled" ? <p>{t("backfill.cancelled")}</p> : null}
      {d.state !== "cancelled" ? <p className="text-xs text-slate-600 dark:text-slate-400">{blind}</p> : null}
    </section>
  );
}
