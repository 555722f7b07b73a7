import type { Metadata } from "next";
import { requirePageUser } from "@/lib/sessions/session";
import { listSessions } from "@/lib/sign-in/sessions";
import { RevokeOthers, RevokeSession } from "@/components/settings/session-forms";
import { TwoFactorPanel } from "@/components/settings/two-factor";
import { isTotpEnabled, remainingRecoveryCodes } from "@/lib/factors/totp";
import { stepUpSecondsLeft } from "@/lib/factors/step-up";
import { getEnv } from "@/lib/env";
import { translator } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";
import { LocalTime } from "@/components/ui/local-time";
import { AlertSettingsForm } from "@/components/alerts/notification-forms";
import { settingsFor } from "@/lib/alerts/deliver";
import { mailConfigured } from "@/lib/mail";
import { PasskeysSection } from "@/components/settings/passkeys-section";

export async function generateMetadata(): Promise<Metadata> {
  return { title: translator(await getLocale())("settings.title") };
}

export default async function SettingsPage() {
  const user = await requirePageUser();
  const [sessions, totp, recoveryLeft, stepUp, alerts] = await Promise.all([
    listSessions(user),
    isTotpEnabled(user.id),
    remainingRecoveryCodes(user.id),
    stepUpSecondsLeft(user),
    settingsFor(user.id),
  ]);
  const required = getEnv().KEYDESK_REQUIRE_2FA_FOR_TRADE;
  const t = translator(await getLocale());
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">{t("settings.title")}</h1>
      <section aria-labelledby="account" className="flex flex-col gap-1">
        <h2 id="account" className="text-lg font-semibold">
          {t("settings.account")}
        </h2>
        <p className="text-sm break-all">
          {t("settings.signedInAs")} <strong>{user.email}</strong>
        </p>
      </section>
      <section aria-labelledby="sessions" className="flex flex-col gap-3">
        <h2 id="sessions" className="text-lg font-semibold">
          {t("settings.sessions")}
        </h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">{t("settings.sessionsIntro")}</p>
        <ul className="flex flex-col gap-2" data-testid="sessions">
          {sessions.map((s) => (
            <li
              key={s.id}
              className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800"
            >
              <div className="min-w-0">
                <p className="font-medium">
                  {s.device}
                  {s.current ? (
                    <span className="ml-2 rounded bg-emerald-100 px-1 text-xs text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">
                      {t("settings.thisBrowser")}
                    </span>
                  ) : null}
                </p>
                <p className="text-xs text-slate-600 dark:text-slate-400">
                  {t("settings.signedIn")} <LocalTime iso={s.createdAt} /> · {t("settings.lastUsed")}{" "}
                  <LocalTime iso={s.lastUsedAt} />
                  {s.ip && s.ip !== "unknown" ? ` · ${s.ip}` : ""}
                </p>
              </div>
              {!s.current ? <RevokeSession sessionId={s.id} /> : null}
            </li>
          ))}
        </ul>
        {sessions.length > 1 ? <RevokeOthers /> : null}
      </section>
      <PasskeysSection user={user} stepUpActive={stepUp > 0} />
      <section aria-labelledby="two-factor" className="flex max-w-xl flex-col gap-2">
        <h2 id="two-factor" className="text-lg font-semibold">
          {t("settings.twoFactor")}
        </h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {t("settings.twoFactorIntro")}
          {required ? ` ${t("settings.twoFactorRequired")}` : ""}
        </p>
        <TwoFactorPanel enabled={totp} stepUpActive={stepUp > 0} recoveryLeft={recoveryLeft} />
      </section>
      <section aria-labelledby="alerts" className="flex max-w-xl flex-col gap-2">
        <h2 id="alerts" className="text-lg font-semibold">
          {t("alerts.settingsTitle")}
        </h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">{t("alerts.settingsIntro")}</p>
        <AlertSettingsForm email={alerts.email} inApp={alerts.inApp} mail={mailConfigured()} />
      </section>
    </div>
  );
}
