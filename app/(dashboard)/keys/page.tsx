import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { listKeysForUser } from "@/lib/keys/queries";
import { KeyCard } from "@/components/keys/key-card";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { getLocale } from "@/lib/i18n/server";
import { translator } from "@/lib/i18n";

export const metadata: Metadata = { title: "Keys" };

export default async function KeysPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const user = await requirePageUser();
  const keys = await listKeysForUser(user);
  const { deleted } = await searchParams;
  const locale = await getLocale();
  const t = translator(locale);
  return (
    <section aria-labelledby="keys-title" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 id="keys-title" className="text-2xl font-semibold">{t("keys.title")}</h1>
        <Link href="/keys/new" className={buttonClass("primary")}>{t("keys.add")}</Link>
      </div>
      {deleted ? (
        <Alert tone="success" title={`“${deleted.slice(0, 60)}” was deleted from Keydesk.`}>
          <p>Keydesk no longer stores it. <strong>The key still exists at the exchange</strong> and works for anyone who has it. To delete it there: sign in to the exchange, open <strong>API</strong> under your user icon, choose <strong>Delete</strong> next to the key and confirm with <strong>Yes, delete it</strong>. <Link href="/help/troubleshooting#delete-key" className="underline">More</Link></p>
        </Alert>
      ) : null}
      {keys.length === 0 ? (
        <div className="rounded-md border border-dashed border-slate-300 p-6 text-center text-sm dark:border-slate-700">
          <p className="font-medium">{t("keys.empty")}</p>
          <p className="mt-1 text-slate-600 dark:text-slate-400">{t("keys.emptyHint")}</p>
        </div>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {keys.map((k) => <li key={k.id}><KeyCard keyView={k} locale={locale} /></li>)}
        </ul>
      )}
    </section>
  );
}
