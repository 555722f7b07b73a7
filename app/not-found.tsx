import Link from "next/link";
import { translator } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";

export default async function NotFound() {
  const t = translator(await getLocale());
  return (
    <main className="mx-auto max-w-md p-6 text-center">
      <h1 className="text-2xl font-semibold">{t("pages.notFoundTitle")}</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">{t("pages.notFoundText")}</p>
      <Link href="/" className="mt-4 inline-block text-sky-700 underline dark:text-sky-400">
        {t("pages.goToKeydesk")}
      </Link>
    </main>
  );
}
