"use client";
// "Use a passkey instead": confirms it's you with one of your passkeys (user verification
// required), then submits the form it sits in. The server grants the same 10-minute step-up a
// password does, and the form's own action finds it; a typed password is cleared first so it
// is not checked instead.
import { useRef, useState } from "react";
import { passkeyStepUpAction, passkeyStepUpOptionsAction } from "@/lib/passkeys/step-up-actions";
import { buttonClass } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { useI18n } from "@/components/i18n/locale-provider";
import { checkOptions, formWith, getAssertion } from "./passkey-browser";

export function PasskeyStepUp({
  primary,
  label,
  onConfirmed,
  submit = true,
}: {
  /** The only way to confirm (password off): the main button, not an alternative. */
  primary: boolean;
  label?: string;
  onConfirmed?: () => void;
  /** Submit the surrounding form once confirmed (off: the caller continues itself). */
  submit?: boolean;
}) {
  const { t } = useI18n();
  const button = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; requestId?: string } | null>(null);
  const [confirmed, setConfirmed] = useState(false);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      const options = checkOptions(await passkeyStepUpOptionsAction({}, new FormData()), t);
      if (!options.ok) return setError(options);
      const answer = await getAssertion(options.value.request, t);
      if (!answer.ok) return answer.message ? setError(answer) : undefined;
      const done = await passkeyStepUpAction({}, formWith({ response: answer.value }));
      if (!done.ok) return setError({ message: done.message ?? t("passkey.unreachable"), requestId: done.requestId });
      setConfirmed(true);
      onConfirmed?.();
      const form = button.current?.form;
      const password = form?.elements.namedItem("password");
      if (password instanceof HTMLInputElement) password.value = "";
      if (submit) form?.requestSubmit();
    } catch {
      setError({ message: t("passkey.unreachable") });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col gap-2">
      {error ? (
        <Alert tone="error" reference={error.requestId}>
          {error.message}
        </Alert>
      ) : null}
      {confirmed ? (
        <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
          {t("passkey.confirmed")}
        </p>
      ) : (
        <div>
          <button
            ref={button}
            type="button"
            className={buttonClass(primary ? "primary" : "secondary")}
            onClick={() => void confirm()}
            disabled={busy}
            aria-disabled={busy}
          >
            {busy ? t("passkey.waiting") : (label ?? (primary ? t("passkey.confirm") : t("passkey.useInstead")))}
          </button>
        </div>
      )}
    </div>
  );
}
