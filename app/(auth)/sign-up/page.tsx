import Link from "next/link";
import type { Metadata } from "next";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Alert } from "@/components/ui/alert";
import { currentSignUpMode, invitationTokenFrom } from "@/lib/sign-up/sign-up-policy";
import { translator } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";
import { inspectInvitation } from "@/lib/teams/invitations";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await getLocale())("signUp.title") };
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next: rawNext } = await searchParams;
  const next = typeof rawNext === "string" ? rawNext : undefined;
  const [mode, locale] = await Promise.all([currentSignUpMode(), getLocale()]);
  const t = translator(locale);
  // Under "invite", the form is for someone who came from an invitation link. From a live
  // invitation, the address is the invited one (its page already shows it to the link's holder).
  const token = invitationTokenFrom(next);
  const invitation = token ? await inspectInvitation(null, token) : null;
  const invitedEmail = invitation?.state === "valid" ? invitation.email : undefined;
  const formShown = mode === "open" || mode === "first" || (mode === "invite" && token !== null);
  return (
    <section aria-labelledby="sign-up-title" className="flex flex-col gap-4">
      <h1 id="sign-up-title" className="text-xl font-semibold">
        {t("signUp.heading")}
      </h1>
      <p data-testid="sign-up-mode" data-mode={mode} className="text-sm text-slate-700 dark:text-slate-300">
        {t(`auth.signUpMode.${mode}`)}
      </p>
      {formShown ? (
        <SignUpForm next={next} invitedEmail={invitedEmail} />
      ) : (
        <Alert tone="info">{t(mode === "closed" ? "auth.signUpClosed" : "auth.signUpInviteOnly")}</Alert>
      )}
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {t("signUp.haveAccount")}{" "}
        <Link
          href={next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in"}
          className="text-sky-700 underline dark:text-sky-400"
        >
          {t("signIn.submit")}
        </Link>
      </p>
    </section>
  );
}
