import { translator } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";

export default async function Loading() {
  const t = translator(await getLocale());
  return (
    <div role="status" aria-live="polite" className="flex flex-col gap-3">
      <span className="sr-only">{t("pages.loading")}</span>
      <div className="h-8 w-48 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-24 w-full animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-24 w-full animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
    </div>
  );
}
