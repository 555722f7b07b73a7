"use client";
import { useActionState } from "react";
import { signUpAction, type AuthFormState } from "@/lib/sign-in/actions";
import { PASSWORD_MIN_LENGTH } from "@/lib/factors/password-limits";
import { TextField } from "@/components/ui/text-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { useI18n } from "@/components/i18n/locale-provider";

/** `invitedEmail`: from an invitation link, the address is the invited one (and can't be changed here). */
export function SignUpForm({ next, invitedEmail }: { next?: string; invitedEmail?: string }) {
  const [state, action] = useActionState<AuthFormState, FormData>(signUpAction, {});
  const { t } = useI18n();
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {state.message ? (
        <Alert tone="error" reference={state.requestId}>
          {state.message}
        </Alert>
      ) : null}
      <TextField
        label={t("signUp.name")}
        name="name"
        autoComplete="name"
        defaultValue={state.name}
        errors={state.fields?.name}
      />
      <TextField
        label={t("signIn.email")}
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={invitedEmail ?? state.email}
        readOnly={Boolean(invitedEmail)}
        hint={invitedEmail ? t("signUp.invitedEmail") : undefined}
        errors={state.fields?.email}
      />
      <TextField
        label={t("signIn.password")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        hint={t("signUp.passwordHint", { n: PASSWORD_MIN_LENGTH })}
        errors={state.fields?.password}
      />
      <TextField
        label={t("signUp.repeat")}
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        errors={state.fields?.confirm}
      />
      <SubmitButton pendingText={t("signUp.pending")}>{t("signUp.submit")}</SubmitButton>
    </form>
  );
}
