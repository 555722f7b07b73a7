"use client";
// Sign-in in one or two steps. With two-factor sign-in on, the right password leads to a second
// step (the code) that keeps what was typed: the e-mail and password live in this component's
// state (the server never sends the password back) and travel with the code; a wrong code is
// the code field's error. Only real failures (wrong password, too many attempts) are an alert.
import { useActionState, useState } from "react";
import { signInAction, type AuthFormState } from "@/lib/sign-in/actions";
import { TextField } from "@/components/ui/text-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { useI18n } from "@/components/i18n/locale-provider";

export function SignInForm({ next }: { next?: string }) {
  const [state, action] = useActionState<AuthFormState, FormData>(signInAction, {});
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  // "Use another account" leaves the code step until the server asks for a code again.
  const [leftCodeStep, setLeftCodeStep] = useState<AuthFormState | null>(null);
  const codeStep = Boolean(state.needsCode) && leftCodeStep !== state;
  return (
    <form action={action} className="flex flex-col gap-4" noValidate data-step={codeStep ? "code" : "password"}>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {state.message && !codeStep ? (
        <Alert tone="error" reference={state.requestId}>
          {state.message}
        </Alert>
      ) : null}
      {codeStep ? (
        <>
          <input type="hidden" name="email" value={email} />
          <input type="hidden" name="password" value={password} />
          <div className="flex flex-col gap-1 text-sm" role="status">
            <p>{t("signIn.codeStep")}</p>
            <p className="text-slate-600 dark:text-slate-400">{t("signIn.signingInAs", { email })}</p>
          </div>
          <TextField
            key="code"
            label={t("signIn.code")}
            name="code"
            inputMode="text"
            autoComplete="one-time-code"
            autoFocus
            required
            hint={t("signIn.codeHint")}
            errors={state.fields?.code}
          />
          <SubmitButton pendingText={t("signIn.pending")}>{t("signIn.verify")}</SubmitButton>
          <button
            type="button"
            onClick={() => setLeftCodeStep(state)}
            className="self-start text-sm text-sky-700 underline dark:text-sky-400"
          >
            {t("signIn.otherAccount")}
          </button>
        </>
      ) : (
        <>
          <TextField
            label={t("signIn.email")}
            name="email"
            type="email"
            // "webauthn": the browser may offer passkeys here too (components/auth/passkey-sign-in.tsx).
            autoComplete="email webauthn"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            errors={state.fields?.email}
          />
          <TextField
            label={t("signIn.password")}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            errors={state.fields?.password}
          />
          <SubmitButton pendingText={t("signIn.pending")}>{t("signIn.submit")}</SubmitButton>
        </>
      )}
    </form>
  );
}
