"use client";
// A key's value over time on its Overview, from /api/keys/:id/history (stored snapshots, no
// exchange call), with the range picker, the snapshot CSV download and, under the chart, the
// rebuild of a new key's earlier values (./backfill-status.tsx).
import { useState } from "react";
import useSWR from "swr";
import type { KeySeries } from "@/lib/portfolio/key-series";
import type { Range } from "@/lib/portfolio/ranges";
import type { AppError } from "@/lib/errors";
import { fetchJson } from "@/components/data/fetcher";
import { ErrorState, Skeleton } from "@/components/data/states";
import { LocalTime } from "@/components/ui/local-time";
import { useI18n } from "@/components/i18n/locale-provider";
import { Panel } from "@/components/dashboard/panel";
import { SeriesSummary, RangePicker } from "./series-summary";
import { BackfillStatus } from "./backfill-status";

export function KeySeriesPanel({ keyId }: { keyId: string }) {
  const { t } = useI18n();
  const [range, setRange] = useState<Range>("30d");
  const h = useSWR<KeySeries, AppError>(`/api/keys/${keyId}/history?range=${range}`, fetchJson, {
    keepPreviousData: true,
    refreshInterval: 300_000,
  });
  return (
    <Panel
      id="value-history"
      title={t("history.title")}
      actions={
        h.data?.lastAt ? (
          <span className="text-sm text-slate-600 dark:text-slate-400">
            {t("portfolio.asOf")} <LocalTime iso={h.data.lastAt} />
          </span>
        ) : null
      }
    >
      <div className="flex flex-col gap-3">
        <RangePicker range={range} onPick={setRange} />
        {h.error ? <ErrorState error={h.error} stale={Boolean(h.data)} /> : null}
        {!h.data && !h.error ? <Skeleton rows={3} label={t("history.title")} /> : null}
        {h.data ? <SeriesSummary h={h.data} /> : null}
        {/* When the rebuild finishes, the chart reloads to show the rebuilt days. */}
        <BackfillStatus keyId={keyId} onDone={() => void h.mutate()} />
        {h.data && !h.data.amountsHidden ? (
          <p>
            <a className="text-sm underline" href={`/api/keys/${keyId}/history-export`} download>
              {t("history.export")}
            </a>
          </p>
        ) : null}
      </div>
    </Panel>
  );
}
