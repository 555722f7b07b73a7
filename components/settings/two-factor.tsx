"use client";
// Two-factor sign-in: enrol (QR code and manual key, confirm with a code, recovery codes
// shown once) or turn it off (password). The secret only ever lives in a sealed cookie
// until confirmed, then encrypted at rest.
import { StepUpField } from "@/components/auth/step-up-field";
import { useActionState } from "react";
import { beginTotpAction, confirmTotpAction, disableTotpAction, type TotpState } from "@/lib/factors/totp-actions";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { useI18n } from "@/components/i18n/locale-provider";

/**
 * One component for both states, so its form state survives the page refreshing itself when
 * the server action sets cookies: the recovery codes stay on screen until "I have saved them".
 */
export function TwoFactorPanel({
  enabled,
  stepUpActive,
  recoveryLeft,
}: {
  enabled: boolean;
  stepUpActive: boolean;
  recoveryLeft: number;
}) {
  const [begin, beginAction] = useActionState<TotpState, FormData>(beginTotpAction, {});
  const [confirm, confirmAction] = useActionState<TotpState, FormData>(confirmTotpAction, {});
  const { t } = useI18n();
  if (!confirm.recoveryCodes && enabled)
    return <DisableTwoFactor stepUpActive={stepUpActive} recoveryLeft={recoveryLeft} />;
  if (confirm.recoveryCodes) {
    return (
      <div className="flex flex-col gap-2">
        <Alert tone="success" title={t("totp.onTitle")}>
          {t("totp.saveCodes")}
        </Alert>
        <ol className="grid grid-cols-2 gap-1 font-mono text-sm" data-testid="recovery-codes">
          {confirm.recoveryCodes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ol>
        <a
          href="/settings"
          className="min-h-11 self-start rounded-md border border-slate-300 px-4 py-2 text-sm dark:border-slate-700"
        >
          {t("totp.saved")}
        </a>
      </div>
    );
  }
  if (!begin.enrolment) {
    return (
      <form action={beginAction} className="flex flex-col gap-2">
        {begin.message ? (
          <Alert tone="error" reference={begin.requestId}>
            {begin.message}
          </Alert>
        ) : null}
        <StepUpField
          stepUpActive={stepUpActive}
          label={t("totp.passwordOn")}
          id="totp-on-password"
          hint={t("totp.ssoHint")}
          errors={begin.fields?.password}
        />
        <div>
          <SubmitButton pendingText={t("totp.preparing")}>{t("totp.turnOn")}</SubmitButton>
        </div>
      </form>
    );
  }
  return (
    <form action={confirmAction} className="flex flex-col gap-3">
      <p className="text-sm">{t("totp.scan")}</p>
      <div
        className="h-48 w-48 rounded bg-white p-2"
        role="img"
        aria-label={t("totp.qrLabel")}
        dangerouslySetInnerHTML={{ __html: begin.enrolment.qrSvg }}
      />
      <p className="text-sm">
        {t("totp.typeKey")}{" "}
        <code className="break-all font-mono" data-testid="totp-secret">
          {begin.enrolment.secret}
        </code>
      </p>
      {confirm.message && !confirm.ok ? <Alert tone="error">{confirm.message}</Alert> : null}
      <TextField
        label={t("totp.code")}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        errors={confirm.fields?.code}
      />
      <div>
        <SubmitButton pendingText={t("totp.checking")}>{t("totp.confirm")}</SubmitButton>
      </div>
    </form>
  );
}

function DisableTwoFactor({ stepUpActive, recoveryLeft }: { stepUpActive: boolean; recoveryLeft: number }) {
  const [state, action] = useActionState<TotpState, FormData>(disableTotpAction, {});
  const { t } = useI18n();
  return (
    <form action={action} className="flex flex-col gap-3">
      <p className="text-sm">
        {t("totp.isOn")}{" "}
        {recoveryLeft === 1 ? t("totp.codesLeft.one") : t("totp.codesLeft.other", { count: recoveryLeft })}
      </p>
      {state.message ? (
        <Alert tone={state.ok ? "success" : "error"} reference={state.ok ? undefined : state.requestId}>
          {state.message}
        </Alert>
      ) : null}
      <StepUpField
        stepUpActive={stepUpActive}
        label={t("totp.passwordOff")}
        id="totp-off-password"
        errors={state.fields?.password}
      />
      <div>
        <SubmitButton variant="danger" pendingText={t("totp.turningOff")}>
          {t("totp.turnOff")}
        </SubmitButton>
      </div>
    </form>
  );
}
