import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/sessions/session";
import { listKeysForUser } from "@/lib/keys/queries";
import { KeyCard } from "@/components/keys/key-card";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { getLocale } from "@/lib/i18n/server";
import { translator, type Translate } from "@/lib/i18n";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await getLocale())("keys.title") };
}

/** "open API …, choose Delete …": the exchange's own button names in bold. */
function howToDelete(t: Translate) {
  const parts = t("deleted.howTo", { api: "\u0000api", delete: "\u0000delete", yes: "\u0000yes" }).split("\u0000");
  const bold = { api: t("deleted.api"), delete: t("deleted.delete"), yes: t("deleted.yes") } as const;
  return parts.map((part, i) => {
    const name = (["api", "delete", "yes"] as const).find((n) => part.startsWith(n));
    if (i === 0 || !name) return part;
    return (
      <span key={i}>
        <strong>{bold[name]}</strong>
        {part.slice(name.length)}
      </span>
    );
  });
}

export default async function KeysPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const user = await requirePageUser();
  const keys = await listKeysForUser(user);
  const { deleted } = await searchParams;
  const locale = await getLocale();
  const t = translator(locale);
  return (
    <section aria-labelledby="keys-title" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 id="keys-title" className="text-2xl font-semibold">
          {t("keys.title")}
        </h1>
        <Link href="/keys/new" className={buttonClass("primary")}>
          {t("keys.add")}
        </Link>
      </div>
      {deleted ? (
        <Alert tone="success" title={t("deleted.title", { label: deleted.slice(0, 60) })}>
          <p>
            {t("deleted.noLonger")} <strong>{t("deleted.stillExists")}</strong> {t("deleted.worksForAnyone")}{" "}
            {howToDelete(t)}{" "}
            <Link href="/help/troubleshooting#delete-key" className="underline">
              {t("deleted.more")}
            </Link>
          </p>
          <p className="mt-2">{t("replace.afterDeleteHint")}</p>
        </Alert>
      ) : null}
      {keys.length === 0 ? (
        <div className="rounded-md border border-dashed border-slate-300 p-6 text-center text-sm dark:border-slate-700">
          <p className="font-medium">{t("keys.empty")}</p>
          <p className="mt-1 text-slate-600 dark:text-slate-400">{t("keys.emptyHint")}</p>
        </div>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {keys.map((k) => (
            <li key={k.id}>
              <KeyCard keyView={k} locale={locale} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
