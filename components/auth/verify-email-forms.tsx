"use client";
import { useActionState } from "react";
import {
  resendVerificationAction,
  verifyEmailAction,
  type VerifyState,
} from "@/lib/sign-up/email-verification-actions";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { useI18n } from "@/components/i18n/locale-provider";

export function VerifyEmailForm({ token }: { token: string }) {
  const [state, action] = useActionState<VerifyState, FormData>(verifyEmailAction, {});
  const { t } = useI18n();
  return (
    <form action={action} className="flex flex-col gap-3">
      <input type="hidden" name="token" value={token} />
      {state.message ? (
        <Alert tone={state.ok ? "success" : "error"} reference={state.ok ? undefined : state.requestId}>
          {state.message}
        </Alert>
      ) : null}
      {!state.ok ? (
        <div>
          <SubmitButton pendingText={t("verify.pending")}>{t("verify.submit")}</SubmitButton>
        </div>
      ) : null}
    </form>
  );
}

export function ResendVerification() {
  const [state, action] = useActionState<VerifyState, FormData>(resendVerificationAction, {});
  const { t } = useI18n();
  return (
    <form action={action} className="flex flex-col gap-2">
      {state.message ? (
        <Alert tone={state.ok ? "success" : "error"} reference={state.ok ? undefined : state.requestId}>
          {state.message}
        </Alert>
      ) : null}
      <div>
        <SubmitButton variant="secondary" pendingText={t("verify.resendPending")}>
          {t("verify.resend")}
        </SubmitButton>
      </div>
    </form>
  );
}
