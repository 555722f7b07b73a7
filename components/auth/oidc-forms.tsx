"use client";
import { useActionState } from "react";
import { oidcCodeAction, signInWithOidcAction } from "@/lib/sign-in/oidc-actions";
import type { AuthFormState } from "@/lib/sign-in/actions";
import { TextField } from "@/components/ui/text-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { useI18n } from "@/components/i18n/locale-provider";

export function OidcSignIn({ name, next }: { name: string; next?: string }) {
  const [state, action] = useActionState<AuthFormState, FormData>(signInWithOidcAction, {});
  const { t } = useI18n();
  return (
    <form action={action} className="flex flex-col gap-2">
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {state.message ? (
        <Alert tone="error" reference={state.requestId}>
          {state.message}
        </Alert>
      ) : null}
      <SubmitButton variant="secondary" pendingText={t("signIn.oidcPending")}>
        {t("signIn.oidc", { name })}
      </SubmitButton>
    </form>
  );
}

export function OidcCodeForm() {
  const [state, action] = useActionState<AuthFormState, FormData>(oidcCodeAction, {});
  const { t } = useI18n();
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {state.message ? (
        <Alert tone="error" reference={state.requestId}>
          {state.message}
        </Alert>
      ) : null}
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
      <SubmitButton pendingText={t("signIn.pending")}>{t("signIn.submit")}</SubmitButton>
    </form>
  );
}
