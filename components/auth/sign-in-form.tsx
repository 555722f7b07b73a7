"use client";
import { useActionState } from "react";
import { signInAction, type AuthFormState } from "@/lib/auth/actions";
import { TextField } from "@/components/ui/text-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { useI18n } from "@/components/i18n/locale-provider";

export function SignInForm({ next }: { next?: string }) {
  const [state, action] = useActionState<AuthFormState, FormData>(signInAction, {});
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
        label={t("signIn.email")}
        name="email"
        type="email"
        // "webauthn": the browser may offer passkeys here too (components/auth/passkey-sign-in.tsx).
        autoComplete="email webauthn"
        required
        defaultValue={state.email}
        errors={state.fields?.email}
      />
      <TextField
        label={t("signIn.password")}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        errors={state.fields?.password}
      />
      {state.needsCode ? (
        <TextField
          label={t("signIn.code")}
          name="code"
          inputMode="text"
          autoComplete="one-time-code"
          autoFocus
          required
          hint={t("signIn.codeHint")}
          errors={state.fields?.code}
        />
      ) : null}
      <SubmitButton pendingText={t("signIn.pending")}>{t("signIn.submit")}</SubmitButton>
    </form>
  );
}
