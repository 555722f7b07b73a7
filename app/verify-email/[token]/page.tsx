import type { Metadata } from "next";
import Link from "next/link";
import { HOME_PATH } from "@/lib/sign-in/after-sign-in";
import { VerifyEmailForm } from "@/components/auth/verify-email-forms";
import { LocaleProvider } from "@/components/i18n/locale-provider";
import { clientMessages } from "@/lib/i18n/client";
import { translator } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await getLocale())("verify.title"), referrer: "no-referrer" };
}

export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const locale = await getLocale();
  const t = translator(locale);
  return (
    <LocaleProvider locale={locale} messages={clientMessages(locale)}>
      <main className="mx-auto flex min-h-dvh w-full max-w-md flex-col justify-center gap-4 px-4 py-8">
        <h1 className="text-xl font-semibold">{t("verify.title")}</h1>
        <p className="text-sm">{t("verify.intro")}</p>
        <VerifyEmailForm token={token.slice(0, 200)} />
        <p className="text-sm">
          <Link href={HOME_PATH} className="text-sky-700 underline dark:text-sky-400">
            {t("page.goToKeydesk")}
          </Link>
        </p>
      </main>
    </LocaleProvider>
  );
}
