"use client";
// The person's passkeys: name, when added, when last used, synced or not, and Remove (after
// step-up: the password or another passkey). Removing is refused while the password is off and
// only the minimum is left; the server checks every rule again. The answer is shown above the
// list: the removed passkey's row is gone once the page refreshes.
import { useActionState, useState } from "react";
import type { PasskeySummary } from "@/lib/passkeys/store";
import { removePasskeyAction, type RemovePasskeyState } from "@/lib/passkeys/settings-actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { LocalTime } from "@/components/ui/local-time";
import { StepUpField } from "@/components/auth/step-up-field";
import { useI18n } from "@/components/i18n/locale-provider";

export function PasskeyList({ passkeys, stepUpActive }: { passkeys: PasskeySummary[]; stepUpActive: boolean }) {
  const { t } = useI18n();
  const [state, action] = useActionState<RemovePasskeyState, FormData>(removePasskeyAction, {});
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-2">
      {state.message ? (
        <Alert tone={state.ok ? "success" : "error"} reference={state.ok ? undefined : state.requestId}>
          {state.message}
        </Alert>
      ) : null}
      {passkeys.length ? (
        <ul className="flex flex-col gap-2" aria-label={t("passkey.listLabel")} data-testid="passkeys">
          {passkeys.map((p) => (
            <li
              key={p.id}
              className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800"
            >
              <div className="min-w-0">
                <p className="font-medium break-words">
                  {p.name}
                  {p.synced ? (
                    <span className="ml-2 rounded bg-slate-100 px-1 text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-200">
                      {t("passkey.synced")}
                    </span>
                  ) : null}
                </p>
                <p className="text-xs text-slate-600 dark:text-slate-400">
                  {t("passkey.created")} <LocalTime iso={p.createdAt} /> · {t("passkey.lastUsed")}{" "}
                  {p.lastUsedAt ? <LocalTime iso={p.lastUsedAt} /> : t("passkey.never")}
                </p>
              </div>
              {open === p.id ? (
                <form
                  action={action}
                  className="flex w-full flex-col gap-2"
                  aria-label={t("passkey.removeNamed", { name: p.name })}
                >
                  <input type="hidden" name="passkeyId" value={p.id} />
                  <StepUpField
                    stepUpActive={stepUpActive}
                    label={t("passkey.passwordLabel")}
                    id={`remove-${p.id}-password`}
                    errors={state.passkeyId === p.id ? state.fields?.password : undefined}
                  />
                  <div className="flex flex-wrap gap-2">
                    <SubmitButton variant="danger" pendingText={t("passkey.removing")}>
                      {t("passkey.removeConfirm")}
                    </SubmitButton>
                    <Button variant="ghost" onClick={() => setOpen(null)}>
                      {t("passkey.cancel")}
                    </Button>
                  </div>
                </form>
              ) : (
                <Button
                  variant="secondary"
                  onClick={() => setOpen(p.id)}
                  aria-label={t("passkey.removeNamed", { name: p.name })}
                >
                  {t("passkey.remove")}
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("passkey.empty")}</p>
      )}
    </div>
  );
}
