import Link from "next/link";
import { translator } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";

export default async function DashboardNotFound() {
  const t = translator(await getLocale());
  return (
    <div className="rounded-md border border-slate-200 p-4 dark:border-slate-800">
      <h1 className="text-lg font-semibold">{t("pages.dashNotFoundTitle")}</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t("pages.dashNotFoundText")}</p>
      <Link href="/keys" className="mt-3 inline-block text-sky-700 underline dark:text-sky-400">
        {t("pages.backToKeys")}
      </Link>
    </div>
  );
}
