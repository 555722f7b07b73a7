import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/sessions/session";
import { HOME_PATH } from "@/lib/sign-in/after-sign-in";
import { LocaleProvider } from "@/components/i18n/locale-provider";
import { clientMessages } from "@/lib/i18n/client";
import { getLocale } from "@/lib/i18n/server";

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  if (await getCurrentUser()) redirect(HOME_PATH);
  const locale = await getLocale();
  return (
    <LocaleProvider locale={locale} messages={clientMessages(locale)}>
      <main className="mx-auto flex min-h-dvh w-full max-w-sm flex-col justify-center gap-6 px-4 py-10">
        <p className="text-center text-2xl font-bold tracking-tight">Keydesk</p>
        {children}
      </main>
    </LocaleProvider>
  );
}
