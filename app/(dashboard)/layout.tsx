import { cookies } from "next/headers";
import { requirePageUser } from "@/lib/sessions/session";
import { parseTheme, THEME_COOKIE } from "@/lib/preferences/theme";
import { AppHeader } from "@/components/shell/app-header";
import { LocaleProvider } from "@/components/i18n/locale-provider";
import { clientMessages } from "@/lib/i18n/client";
import { getLocale } from "@/lib/i18n/server";
import { translator } from "@/lib/i18n";
import { countUnreadNotifications } from "@/lib/alerts/notifications";
import { signInMethodsFor } from "@/lib/passkeys/store";
import { relyingParty } from "@/lib/passkeys/relying-party";
import { getEnv } from "@/lib/env";
import { SignInMethodsProvider } from "@/components/auth/sign-in-methods";
import { SignInReportBanner } from "@/components/shell/sign-in-report-banner";
import { UnreadProvider } from "@/components/alerts/unread-sync";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  const [locale, unread, methods] = await Promise.all([
    getLocale(),
    countUnreadNotifications(user.id),
    signInMethodsFor(user.id),
  ]);
  // Every step-up field on the page offers a passkey when the person has one (components/auth/step-up-field.tsx).
  const signInMethods = {
    passkeys: methods.passkeys,
    passwordOff: methods.passwordOff,
    passkeysAvailable: relyingParty(getEnv()).ok,
  };
  return (
    <LocaleProvider locale={locale} messages={clientMessages(locale)}>
      <SignInMethodsProvider value={signInMethods}>
        <div className="flex min-h-dvh flex-col">
          <a
            href="#main"
            className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:p-2 focus:text-slate-900"
          >
            {translator(locale)("shell.skip")}
          </a>
          <AppHeader user={user} theme={theme} locale={locale} unread={unread} />
          <SignInReportBanner user={user} t={translator(locale)} />
          <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
            <UnreadProvider count={unread}>{children}</UnreadProvider>
          </main>
        </div>
      </SignInMethodsProvider>
    </LocaleProvider>
  );
}
