import Link from "next/link";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { SignInForm } from "@/components/auth/sign-in-form";
import { OidcSignIn } from "@/components/auth/oidc-forms";
import { PasskeySignIn } from "@/components/auth/passkey-sign-in";
import { relyingParty } from "@/lib/passkeys/relying-party";
import { Alert } from "@/components/ui/alert";
import { translator } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";
import { getEnv } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await getLocale())("signIn.title") };
}

const OIDC_ERRORS = {
  oidc_unverified: "auth.oidcUnverified",
  oidc_has_password: "auth.oidcHasPassword",
  oidc_passkeys_only: "auth.oidcPasskeysOnly",
  oidc_no_account: "auth.oidcNoAccount",
} as const;

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; "signed-up"?: string; error?: string }>;
}) {
  const { next: rawNext, "signed-up": signedUp, error } = await searchParams;
  const next = typeof rawNext === "string" ? rawNext : undefined;
  const t = translator(await getLocale());
  const env = getEnv();
  const oidcError =
    typeof error === "string" && error in OIDC_ERRORS ? OIDC_ERRORS[error as keyof typeof OIDC_ERRORS] : null;
  const requestId = (await headers()).get("x-request-id") ?? undefined;
  return (
    <section aria-labelledby="sign-in-title" className="flex flex-col gap-4">
      <h1 id="sign-in-title" className="text-xl font-semibold">
        {t("signIn.title")}
      </h1>
      {signedUp === "1" ? <Alert tone="success">{t("auth.signUpDone")}</Alert> : null}
      {oidcError ? (
        <Alert tone="error" reference={requestId}>
          {t(oidcError)}
        </Alert>
      ) : null}
      <SignInForm next={next} />
      {relyingParty(env).ok ? <PasskeySignIn next={next} /> : null}
      {env.AUTH_OIDC_ISSUER ? <OidcSignIn name={env.AUTH_OIDC_NAME} next={next} /> : null}
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {t("signIn.newHere")}{" "}
        <Link
          href={next ? `/sign-up?next=${encodeURIComponent(next)}` : "/sign-up"}
          className="text-sky-700 underline dark:text-sky-400"
        >
          {t("signIn.createAccount")}
        </Link>
      </p>
    </section>
  );
}
