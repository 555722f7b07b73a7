"use client";
// "Updated 4 s ago" / "Cached" / "Stale: rate-limited", ticking, with a refresh button that
// goes through the same budget as everything else (the server may answer from cache or 429).
import { useEffect, useState } from "react";
import { freshnessText, type Source } from "@/lib/format/freshness";
import type { AppError } from "@/lib/errors";
import { useI18n } from "@/components/i18n/locale-provider";
import type { MessageKey } from "@/lib/i18n/messages";

export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

const TONE = {
  ok: "text-emerald-800 dark:text-emerald-300",
  muted: "text-slate-600 dark:text-slate-400",
  warn: "text-amber-800 dark:text-amber-300",
};

/** The refresh button's accessible name per widget (the label is also the widget's test id). */
const REFRESH_LABEL: Record<string, MessageKey> = {
  overview: "fresh.refresh.overview",
  balances: "fresh.refresh.balances",
  orders: "fresh.refresh.orders",
  order: "fresh.refresh.order",
  trades: "fresh.refresh.trades",
  fees: "fresh.refresh.fees",
};

export function Freshness({
  data,
  error,
  validating,
  onRefresh,
  label,
  liveText,
}: {
  data:
    | {
        fetchedAt: string;
        freshUntil?: string;
        source: Source;
        staleReason?: string;
        refreshDeclined?: string;
        live?: boolean;
      }
    | undefined;
  error?: AppError | undefined;
  validating?: boolean;
  onRefresh?: () => void;
  label: string;
  /** What "live" says for this widget (pushed balances or orders, not prices). */
  liveText?: MessageKey;
}) {
  const now = useNow();
  const { t } = useI18n();
  const f = data ? freshnessText(data, now, t, liveText) : null;
  const retry = error?.code === "rate_limited" && error.retryAfterSeconds ? error.retryAfterSeconds : null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs" data-testid={`freshness-${label}`}>
      {f ? (
        <span className={TONE[f.tone]} role="status" aria-live="polite">
          {/* "4 s ago" on the server is "5 s ago" at hydration: the clock ticks on from here. */}
          <time
            dateTime={data!.fetchedAt}
            title={data!.fetchedAt}
            data-fresh-until={data!.freshUntil}
            data-live={data!.live ? "true" : undefined}
            suppressHydrationWarning
          >
            {f.text}
          </time>
        </span>
      ) : null}
      {retry ? <span className="text-amber-800 dark:text-amber-300">{t("fresh.retryIn", { n: retry })}</span> : null}
      {onRefresh ? (
        <button
          type="button"
          onClick={onRefresh}
          disabled={validating}
          aria-busy={validating || undefined}
          // While refreshing, the visible "Refreshing…" is the name: a name that doesn't contain
          // the visible text fails people who speak to their device (WCAG 2.5.3).
          aria-label={validating ? undefined : t(REFRESH_LABEL[label] ?? "fresh.refresh")}
          className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-md px-2 text-sky-800 underline-offset-2 hover:underline disabled:opacity-60 dark:text-sky-300"
        >
          {validating ? t("fresh.refreshing") : t("fresh.refresh")}
        </button>
      ) : null}
    </div>
  );
}
