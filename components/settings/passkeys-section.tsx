// Settings' passkeys section (server component): the list, adding one, and going passwordless
// (or back). Reads only the signed-in person's own passkeys.
import type { CurrentUser } from "@/lib/sessions/session";
import { listPasskeysForUser, MAX_PASSKEYS, PASSWORDLESS_MIN_PASSKEYS, signInMethodsFor } from "@/lib/passkeys/store";
import { relyingParty } from "@/lib/passkeys/relying-party";
import { getEnv } from "@/lib/env";
import { translator } from "@/lib/i18n";
import { getLocale } from "@/lib/i18n/server";
import { Alert } from "@/components/ui/alert";
import { PasskeyList } from "./passkey-list";
import { AddPasskeyForm } from "./add-passkey-form";
import { SetPasswordAgain, TurnPasswordOff } from "./passwordless-forms";

export async function PasskeysSection({ user, stepUpActive }: { user: CurrentUser; stepUpActive: boolean }) {
  const [passkeys, methods, locale] = await Promise.all([
    listPasskeysForUser(user.id),
    signInMethodsFor(user.id),
    getLocale(),
  ]);
  const t = translator(locale);
  const available = relyingParty(getEnv()).ok;
  return (
    <section aria-labelledby="passkeys" className="flex max-w-xl flex-col gap-3">
      <h2 id="passkeys" className="text-lg font-semibold">
        {t("passkey.title")}
      </h2>
      <p className="text-sm text-slate-700 dark:text-slate-300">{t("passkey.intro")}</p>
      {available ? null : <Alert tone="warning">{t("passkey.unavailable")}</Alert>}
      <PasskeyList passkeys={passkeys} stepUpActive={stepUpActive} />
      {available && passkeys.length < MAX_PASSKEYS ? <AddPasskeyForm stepUpActive={stepUpActive} /> : null}
      {passkeys.length >= MAX_PASSKEYS ? <p className="text-sm">{t("passkey.limit", { max: MAX_PASSKEYS })}</p> : null}
      {methods.hasPassword || methods.passwordOff ? (
        <div className="flex flex-col gap-2 border-t border-slate-200 pt-3 dark:border-slate-800">
          <h3 className="font-semibold">{t("passkey.passwordlessTitle")}</h3>
          {methods.passwordOff ? (
            <>
              <p className="text-sm" data-testid="password-off">
                {t("passkey.passwordIsOff")} {t("passkey.keepTwo")}
              </p>
              <p className="text-sm text-slate-700 dark:text-slate-300">{t("passkey.recovery")}</p>
              {available ? <SetPasswordAgain stepUpActive={stepUpActive} /> : null}
            </>
          ) : (
            <>
              <p className="text-sm text-slate-700 dark:text-slate-300">{t("passkey.passwordlessIntro")}</p>
              <p className="text-sm text-slate-700 dark:text-slate-300">{t("passkey.recovery")}</p>
              {passkeys.length < PASSWORDLESS_MIN_PASSKEYS ? (
                <p className="text-sm">{t("passkey.needTwo", { count: passkeys.length })}</p>
              ) : available ? (
                <TurnPasswordOff />
              ) : null}
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}
