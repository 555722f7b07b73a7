"use client";
// The loading state every exchange-backed widget shares (see ./states.tsx for empty and error).
// Kept apart from ./states.tsx: that one localizes error messages with every catalog.
import { useI18n } from "@/components/i18n/locale-provider";

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
