import type { Metadata } from "next";
import Link from "next/link";
import { HOME_PATH } from "@/lib/sign-in/after-sign-in";
import { getCurrentUser } from "@/lib/sessions/session";
import { inspectInvitation } from "@/lib/teams/invitations";
import { AcceptInvitation } from "@/components/teams/team-forms";
import { Alert } from "@/components/ui/alert";
import { ResendVerification } from "@/components/auth/verify-email-forms";
import { needsEmailVerification } from "@/lib/mail/verification";
import { translator } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";
import { LocaleProvider } from "@/components/i18n/locale-provider";
import { clientMessages } from "@/lib/i18n/client";
import type { MessageKey } from "@/lib/i18n/messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await getLocale())("invite.title"), referrer: "no-referrer" };
}

const GONE: Record<string, MessageKey> = {
  invalid: "invite.invalid",
  expired: "invite.expired",
  used: "invite.used",
  revoked: "invite.revoked",
};

/** A translated sentence with one {name} shown as a node (e.g. in bold). */
function withNode(text: string, name: string, node: React.ReactNode): React.ReactNode {
  const [before, after] = text.split(`{${name}}`);
  return (
    <>
      {before}
      {node}
      {after}
    </>
  );
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await getCurrentUser();
  const inv = await inspectInvitation(user, token);
  const here = `/invite/${token}`;
  const unverified = Boolean(
    user && inv.state === "valid" && !inv.wrongUser && (await needsEmailVerification(user.id)),
  );
  const locale = await getLocale();
  const t = translator(locale);
  return (
    <LocaleProvider locale={locale} messages={clientMessages(locale)}>
      <main className="mx-auto flex min-h-dvh w-full max-w-md flex-col justify-center gap-4 px-4 py-8">
        <h1 className="text-xl font-semibold">{t("invite.title")}</h1>
        {inv.state !== "valid" ? (
          <Alert tone="error">{t(GONE[inv.state] ?? "invite.invalid")}</Alert>
        ) : (
          <>
            <p>
              {withNode(
                t(inv.role === "admin" ? "invite.asAdmin" : "invite.asMember", { team: "{team}" }),
                "team",
                <strong>{inv.teamName}</strong>,
              )}{" "}
              {t("invite.membersSee")}
            </p>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              {withNode(t("invite.forEmail", { email: "{email}" }), "email", <strong>{inv.email}</strong>)}
            </p>
            {!user ? (
              <p className="flex flex-wrap gap-3">
                <Link
                  className="text-sky-700 underline dark:text-sky-400"
                  href={`/sign-in?next=${encodeURIComponent(here)}`}
                >
                  {t("invite.signInAs", { email: inv.email })}
                </Link>
                <Link
                  className="text-sky-700 underline dark:text-sky-400"
                  href={`/sign-up?next=${encodeURIComponent(here)}`}
                >
                  {t("signIn.createAccount")}
                </Link>
              </p>
            ) : inv.wrongUser ? (
              <Alert tone="warning">{t("invite.wrongUser", { user: user.email, email: inv.email })}</Alert>
            ) : unverified ? (
              <>
                <Alert tone="warning">{t("auth.emailNotVerified")}</Alert>
                <ResendVerification />
              </>
            ) : (
              <AcceptInvitation token={token} />
            )}
          </>
        )}
        <p className="text-sm">
          <Link href={HOME_PATH} className="text-sky-700 underline dark:text-sky-400">
            {t("page.goToKeydesk")}
          </Link>
        </p>
      </main>
    </LocaleProvider>
  );
}
