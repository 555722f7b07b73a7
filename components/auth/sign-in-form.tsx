"use client";
import { useActionState } from "react";
import { signInAction, type AuthFormState } from "@/lib/auth/actions";
import { TextField } from "@/components/ui/text-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";

export function SignInForm({ next }: { next?: string }) {
  const [state, action] = useActionState<AuthFormState, FormData>(signInAction, {});
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {state.message ? <Alert tone="error" reference={state.requestId}>{state.message}</Alert> : null}
      <TextField label="E-mail" name="email" type="email" autoComplete="email" required defaultValue={state.email} errors={state.fields?.email} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required errors={state.fields?.password} />
      {state.needsCode ? (
        <TextField label="Two-factor code" name="code" inputMode="text" autoComplete="one-time-code" autoFocus required hint="The 6-digit code from your authenticator app, or one of your recovery codes." errors={state.fields?.code} />
      ) : null}
      <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
