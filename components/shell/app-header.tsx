import Link from "next/link";
import { HOME_PATH } from "@/lib/sign-in/after-sign-in";
import { signOutAction } from "@/lib/sign-in/actions";
import type { Theme } from "@/lib/preferences/theme";
import { NavLinks } from "./nav-links";
import { ThemeToggle } from "./theme-toggle";
import { LocaleToggle } from "./locale-toggle";
import { translator, type Locale } from "@/lib/i18n";
import { NotificationBell } from "@/components/alerts/notification-bell";

export function AppHeader({
  user,
  theme,
  locale,
  unread = 0,
}: {
  user: { email: string; name: string | null };
  theme: Theme;
  locale: Locale;
  /** Unread notifications (the bell's count). */
  unread?: number;
}) {
  const who = user.name ?? user.email;
  const t = translator(locale);
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-2 px-4 py-2">
        <div className="flex min-w-0 items-center gap-4">
          {/* The logo leads home: where signing in lands (the portfolio). */}
          <Link href={HOME_PATH} className="text-lg font-bold tracking-tight">
            Keydesk
          </Link>
          <nav aria-label={t("shell.main")} className="hidden md:block">
            <NavLinks orientation="row" />
          </nav>
        </div>
        <div className="ml-auto md:order-last md:ml-0">
          <NotificationBell unread={unread} t={t} />
        </div>
        <div className="hidden items-center gap-3 md:flex">
          <ThemeToggle current={theme} locale={locale} />
          <LocaleToggle current={locale} />
          <span className="max-w-48 truncate text-sm text-slate-600 dark:text-slate-400" data-testid="current-user">
            {who}
          </span>
          <form action={signOutAction}>
            <button
              type="submit"
              className="min-h-11 rounded-md px-3 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
            >
              {t("shell.signOut")}
            </button>
          </form>
        </div>
        {/* Phones: the menu collapses into a disclosure that works without JavaScript. */}
        <details className="group relative md:hidden">
          <summary className="flex min-h-11 min-w-11 cursor-pointer list-none items-center justify-center rounded-md border border-slate-300 px-3 text-sm font-medium dark:border-slate-700 [&::-webkit-details-marker]:hidden">
            {t("shell.menu")}
          </summary>
          <div className="absolute right-0 z-20 mt-2 w-64 max-w-[calc(100vw-2rem)] rounded-md border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900">
            <p
              className="truncate px-3 py-2 text-sm text-slate-600 dark:text-slate-400"
              data-testid="current-user-mobile"
            >
              {who}
            </p>
            <nav aria-label={t("shell.mainMobile")}>
              <NavLinks orientation="column" />
            </nav>
            <div className="mt-2 border-t border-slate-200 pt-2 dark:border-slate-700">
              <ThemeToggle current={theme} locale={locale} />
              <LocaleToggle current={locale} />
              <form action={signOutAction}>
                <button
                  type="submit"
                  className="min-h-11 w-full rounded-md px-3 text-left text-sm font-medium hover:bg-slate-100 dark:hover:bg-slate-800"
                >
                  {t("shell.signOut")}
                </button>
              </form>
            </div>
          </div>
        </details>
      </div>
    </header>
  );
}
