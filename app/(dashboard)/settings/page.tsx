import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { listSessions } from "@/lib/auth/sessions";
import { RevokeOthers, RevokeSession } from "@/components/settings/session-forms";
import { TwoFactorPanel } from "@/components/settings/two-factor";
import { isTotpEnabled, remainingRecoveryCodes } from "@/lib/auth/totp";
import { stepUpSecondsLeft } from "@/lib/auth/step-up";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Settings" };

const utc = (iso: string) => `${iso.replace("T", " ").slice(0, 16)} UTC`;

export default async function SettingsPage() {
  const user = await requirePageUser();
  const [sessions, totp, recoveryLeft, stepUp] = await Promise.all([listSessions(user), isTotpEnabled(user.id), remainingRecoveryCodes(user.id), stepUpSecondsLeft(user)]);
  const required = getEnv().KEYDESK_REQUIRE_2FA_FOR_TRADE;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <section aria-labelledby="account" className="flex flex-col gap-1">
        <h2 id="account" className="text-lg font-semibold">Account</h2>
        <p className="text-sm break-all">Signed in as <strong>{user.email}</strong></p>
      </section>
      <section aria-labelledby="sessions" className="flex flex-col gap-3">
        <h2 id="sessions" className="text-lg font-semibold">Signed-in sessions</h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">Every browser where you are signed in. Signing one out takes effect on its next request.</p>
        <ul className="flex flex-col gap-2" data-testid="sessions">
          {sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800">
              <div className="min-w-0">
                <p className="font-medium">{s.device}{s.current ? <span className="ml-2 rounded bg-emerald-100 px-1 text-xs text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">this browser</span> : null}</p>
                <p className="text-xs text-slate-600 dark:text-slate-400">Signed in {utc(s.createdAt)} · last used {utc(s.lastUsedAt)}{s.ip && s.ip !== "unknown" ? ` · ${s.ip}` : ""}</p>
              </div>
              {!s.current ? <RevokeSession sessionId={s.id} /> : null}
            </li>
          ))}
        </ul>
        {sessions.length > 1 ? <RevokeOthers /> : null}
      </section>
      <section aria-labelledby="two-factor" className="flex max-w-xl flex-col gap-2">
        <h2 id="two-factor" className="text-lg font-semibold">Two-factor sign-in</h2>
        <p className="text-sm text-slate-700 dark:text-slate-300">A code from an authenticator app on your phone, asked at every sign-in after your password.{required ? " Keys with Trade or Withdraw permission can only be added with it on." : ""}</p>
        <TwoFactorPanel enabled={totp} stepUpActive={stepUp > 0} recoveryLeft={recoveryLeft} />
      </section>
    </div>
  );
}
