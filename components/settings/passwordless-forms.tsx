"use client";
// Going passwordless, and back. Turning the password off needs two passkeys and is confirmed
// with one of them (so one is known to work here); with the password off, "Set a password
// again" is confirmed with a passkey too. The server checks every rule again.
import { useActionState } from "react";
import { passwordOffAction, setPasswordAction } from "@/lib/passkeys/settings-actions";
import type { ActionState } from "@/lib/http/action-state";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { LazyPasskeyStepUp as PasskeyStepUp } from "@/components/auth/passkey-step-up-lazy";
import { StepUpField } from "@/components/auth/step-up-field";
import { useI18n } from "@/components/i18n/locale-provider";

function Answer({ state }: { state: ActionState }) {
  if (!state.message) return null;
  return (
    <Alert tone={state.ok ? "success" : "error"} reference={state.ok ? undefined : state.requestId}>
      {state.message}
    </Alert>
  );
}

export function TurnPasswordOff() {
  const { t } = useI18n();
  const [state, action] = useActionState<ActionState, FormData>(passwordOffAction, {});
  return (
    <form action={action} className="flex flex-col gap-2" aria-label={t("passkey.passwordlessTitle")}>
      <Answer state={state} />
      <p className="text-xs text-slate-600 dark:text-slate-400">{t("passkey.turnOffHint")}</p>
      {/* Always a fresh passkey confirmation: a password step-up does not count here. */}
      <PasskeyStepUp primary label={t("passkey.turnOff")} key={state.message ?? "off"} />
    </form>
  );
}

export function SetPasswordAgain({ stepUpActive }: { stepUpActive: boolean }) {
  const { t } = useI18n();
  const [state, action] = useActionState<ActionState, FormData>(setPasswordAction, {});
  return (
    <form action={action} className="flex flex-col gap-3" aria-label={t("passkey.setPassword")}>
      <Answer state={state} />
      <TextField
        label={t("passkey.newPassword")}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        errors={state.fields?.newPassword}
      />
      <TextField
        label={t("passkey.repeatPassword")}
        name="repeatPassword"
        type="password"
        autoComplete="new-password"
        required
        errors={state.fields?.repeatPassword}
      />
      <StepUpField stepUpActive={stepUpActive} label={t("passkey.stepUpLabel")} errors={state.fields?.password} />
      <div>
        <SubmitButton variant="secondary" pendingText="…">
          {t("passkey.savePassword")}
        </SubmitButton>
      </div>
    </form>
  );
}
