import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/sessions/session";
import { stepUpSecondsLeft } from "@/lib/factors/step-up";
import { signInTakesTwoFactors } from "@/lib/factors/passkey-two-factor";
import { getEnv } from "@/lib/env";
import { AddKeyForm } from "@/components/keys/add-key-form";
import { translator } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await getLocale())("addKey.title") };
}

export default async function AddKeyPage() {
  const user = await requirePageUser();
  const [stepUpActive, twoFactors] = await Promise.all([
    stepUpSecondsLeft(user).then((s) => s > 0),
    getEnv().KEYDESK_REQUIRE_2FA_FOR_TRADE ? signInTakesTwoFactors(user.id) : Promise.resolve(true),
  ]);
  const t = translator(await getLocale());
  return (
    <section aria-labelledby="add-key-title" className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1 id="add-key-title" className="text-2xl font-semibold">
        {t("addKey.heading")}
      </h1>
      <div className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm text-sky-950 dark:border-sky-900 dark:bg-sky-950 dark:text-sky-100">
        <p>
          <strong>{t("addKey.useReadOnly")}</strong> {t("addKey.whyReadOnly")}
        </p>
        <p className="mt-1">
          {t("addKey.shownOnce")}{" "}
          <Link href="/help/troubleshooting#create-key" className="underline">
            {t("addKey.howTo")}
          </Link>
          .
        </p>
      </div>
      <AddKeyForm stepUpActive={stepUpActive} twoFactorMissing={!twoFactors} />
    </section>
  );
}
