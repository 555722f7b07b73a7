"use client";
// The person's passkeys: name, when added, when last used, synced or not, and Remove (after
// step-up: the password or another passkey). Removing is refused while the password is off and
// only the minimum is left; the server checks every rule again.
import { useState } from "react";
import type { PasskeySummary } from "@/lib/auth/passkeys/store";
import { removePasskeyAction } from "@/lib/auth/passkeys/settings-actions";
import { ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { StepUpField } from "@/components/auth/step-up-field";
import { useI18n } from "@/components/i18n/locale-provider";

function RemovePasskey({ passkey, stepUpActive }: { passkey: PasskeySummary; stepUpActive: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <Button
        variant="secondary"
        onClick={() => setOpen(true)}
        aria-label={t("passkey.removeNamed", { name: passkey.name })}
      >
        {t("passkey.remove")}
      </Button>
    );
  return (
    <div className="flex w-full flex-col gap-2">
      <ActionForm
        action={removePasskeyAction}
        hidden={{ passkeyId: passkey.id }}
        submit={t("passkey.removeConfirm")}
        pending={t("passkey.removing")}
        variant="danger"
        label={t("passkey.removeNamed", { name: passkey.name })}
      >
        {(state) => (
          <StepUpField
            stepUpActive={stepUpActive}
            label={t("passkey.passwordLabel")}
            id={`remove-${passkey.id}-password`}
            errors={state.fields?.password}
          />
        )}
      </ActionForm>
      <div>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          {t("passkey.cancel")}
        </Button>
      </div>
    </div>
  );
}

export function PasskeyList({ passkeys, stepUpActive }: { passkeys: PasskeySummary[]; stepUpActive: boolean }) {
  const { t } = useI18n();
  if (!passkeys.length) return <p className="text-sm text-slate-600 dark:text-slate-400">{t("passkey.empty")}</p>;
  return (
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
          <RemovePasskey passkey={p} stepUpActive={stepUpActive} />
        </li>
      ))}
    </ul>
  );
}
