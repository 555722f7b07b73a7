import type { Metadata } from "next";
import Link from "next/link";
import { OidcCodeForm } from "@/components/auth/oidc-forms";
import { Alert } from "@/components/ui/alert";
import { translator } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await getLocale())("signIn.codeTitle") };
}

/** After a single sign-on into an account with two-factor sign-in: the code finishes it. */
export default async function OidcCodePage() {
  const t = translator(await getLocale());
  return (
    <section aria-labelledby="code-title" className="flex flex-col gap-4">
      <h1 id="code-title" className="text-xl font-semibold">
        {t("signIn.codeTitle")}
      </h1>
      <Alert tone="info">{t("auth.oidcCodeRequired")}</Alert>
      <OidcCodeForm />
      <p className="text-sm">
        <Link href="/sign-in" className="text-sky-700 underline dark:text-sky-400">
          {t("signIn.backToSignIn")}
        </Link>
      </p>
    </section>
  );
}
