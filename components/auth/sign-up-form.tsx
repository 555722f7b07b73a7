"use client";
import { useActionState } from "react";
import { signUpAction, type AuthFormState } from "@/lib/auth/actions";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-rules";
import { TextField } from "@/components/ui/text-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";

export function SignUpForm({ next }: { next?: string }) {
  const [state, action] = useActionState<AuthFormState, FormData>(signUpAction, {});
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {state.message ? <Alert tone="error" reference={state.requestId}>{state.message}</Alert> : null}
      <TextField label="Name (optional)" name="name" autoComplete="name" errors={state.fields?.name} />
      <TextField label="E-mail" name="email" type="email" autoComplete="email" required defaultValue={state.email} errors={state.fields?.email} />
      <TextField label="Password" name="password" type="password" autoComplete="new-password" required minLength={PASSWORD_MIN_LENGTH} hint={`At least ${PASSWORD_MIN_LENGTH} characters. A passphrase of a few words works well.`} errors={state.fields?.password} />
      <TextField label="Repeat password" name="confirm" type="password" autoComplete="new-password" required errors={state.fields?.confirm} />
      <SubmitButton pendingText="Creating account…">Create account</SubmitButton>
    </form>
  );
}
