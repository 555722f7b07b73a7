"use client";
// The designed states every exchange-backed widget shares: loading, empty, error.
// An error's message is shown in the reader's language (the server already localized its
// own; the browser's own, e.g. "could not be reached", name their catalogue key).
import Link from "next/link";
import type { AppError } from "@/lib/errors";
import { useI18n } from "@/components/i18n/locale-provider";
import { troubleshootingHref } from "@/lib/keys/troubleshooting";

export function Skeleton({ rows = 4, label }: { rows?: number; label: string }) {
  const { t } = useI18n();
  return (
    <div role="status" aria-label={t("states.loading", { label })} className="flex flex-col gap-2">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="h-8 animate-pulse rounded bg-slate-200 motion-reduce:animate-none dark:bg-slate-800" />
      ))}
      <span className="sr-only">{t("states.loading", { label })}…</span>
    </div>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return (
    <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
      {children}
    </p>
  );
}

export function ErrorState({ error, stale }: { error: AppError; stale?: boolean }) {
  const { t } = useI18n();
  return (
    <div
      role="alert"
      className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <p>
        {stale ? `${t("states.stale")} ` : ""}
        {/* The server's errors come in the reader's language; one made here names its text. */}
        {error.messageKey ? t(error.messageKey, error.values) : error.message}
      </p>
      <p className="mt-1 text-xs">
        <Link className="underline" href={troubleshootingHref(error.reason, error.code)}>
          {t("states.troubleshooting")}
        </Link>
        {error.requestId ? (
          <span>
            {" "}
            · {t("states.requestId")} <span className="font-mono">{error.requestId}</span>
          </span>
        ) : null}
      </p>
    </div>
  );
}
