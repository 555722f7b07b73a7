"use client";
// Two-factor sign-in: enrol (QR code and manual key, confirm with a code, recovery codes
// shown once) or turn it off (password). The secret only ever lives in a sealed cookie
// until confirmed, then encrypted at rest.
import { useActionState } from "react";
import { beginTotpAction, confirmTotpAction, disableTotpAction, type TotpState } from "@/lib/auth/totp-actions";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";

/**
 * One component for both states, so its form state survives the page refreshing itself when
 * the server action sets cookies: the recovery codes stay on screen until "I have saved them".
 */
export function TwoFactorPanel({ enabled, stepUpActive, recoveryLeft }: { enabled: boolean; stepUpActive: boolean; recoveryLeft: number }) {
  const [begin, beginAction] = useActionState<TotpState, FormData>(beginTotpAction, {});
  const [confirm, confirmAction] = useActionState<TotpState, FormData>(confirmTotpAction, {});
  if (!confirm.recoveryCodes && enabled) return <DisableTwoFactor stepUpActive={stepUpActive} recoveryLeft={recoveryLeft} />;
  if (confirm.recoveryCodes) {
    return (
      <div className="flex flex-col gap-2">
        <Alert tone="success" title="Two-factor sign-in is on.">Save these recovery codes somewhere safe. Each works once if you lose your phone. Keydesk shows them only now.</Alert>
        <ol className="grid grid-cols-2 gap-1 font-mono text-sm" data-testid="recovery-codes">
          {confirm.recoveryCodes.map((c) => <li key={c}>{c}</li>)}
        </ol>
        <a href="/settings" className="min-h-11 self-start rounded-md border border-slate-300 px-4 py-2 text-sm dark:border-slate-700">I have saved them</a>
      </div>
    );
  }
  if (!begin.enrolment) {
    return (
      <form action={beginAction} className="flex flex-col gap-2">
        {begin.message ? <Alert tone="error">{begin.message}</Alert> : null}
        <div><SubmitButton pendingText="Preparing…">Turn on two-factor sign-in</SubmitButton></div>
      </form>
    );
  }
  return (
    <form action={confirmAction} className="flex flex-col gap-3">
      <p className="text-sm">Scan this code with an authenticator app (for example Aegis, 2FAS, Google Authenticator or 1Password), then enter the 6-digit code it shows.</p>
      <div className="h-48 w-48 rounded bg-white p-2" role="img" aria-label="QR code for your authenticator app" dangerouslySetInnerHTML={{ __html: begin.enrolment.qrSvg }} />
      <p className="text-sm">Or type this key into the app: <code className="break-all font-mono" data-testid="totp-secret">{begin.enrolment.secret}</code></p>
      {confirm.message && !confirm.ok ? <Alert tone="error">{confirm.message}</Alert> : null}
      <TextField label="6-digit code" name="code" inputMode="numeric" autoComplete="one-time-code" required errors={confirm.fields?.code} />
      <div><SubmitButton pendingText="Checking…">Confirm</SubmitButton></div>
    </form>
  );
}

function DisableTwoFactor({ stepUpActive, recoveryLeft }: { stepUpActive: boolean; recoveryLeft: number }) {
  const [state, action] = useActionState<TotpState, FormData>(disableTotpAction, {});
  return (
    <form action={action} className="flex flex-col gap-3">
      <p className="text-sm">Two-factor sign-in is <strong>on</strong>. {recoveryLeft} unused recovery code{recoveryLeft === 1 ? "" : "s"} left.</p>
      {state.message ? <Alert tone={state.ok ? "success" : "error"} reference={state.ok ? undefined : state.requestId}>{state.message}</Alert> : null}
      {!stepUpActive || state.fields?.password ? <TextField id="totp-off-password" label="Your Keydesk password, to turn it off" name="password" type="password" autoComplete="current-password" errors={state.fields?.password} /> : null}
      <div><SubmitButton variant="danger" pendingText="Turning off…">Turn off two-factor sign-in</SubmitButton></div>
    </form>
  );
}
