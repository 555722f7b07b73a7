"use client";
// The step-up a sensitive form asks for, unless one is already live: the password field
// (components/ui/step-up-password.tsx) and, for someone with passkeys, "Use a passkey instead".
// With the password turned off, only the passkey. The server checks the step-up again.
import { useState } from "react";
import { StepUpPassword } from "@/components/ui/step-up-password";
import { useI18n } from "@/components/i18n/locale-provider";
import { useSignInMethods } from "./sign-in-methods";
import { LazyPasskeyStepUp as PasskeyStepUp } from "./passkey-step-up-lazy";

export function StepUpField({
  stepUpActive,
  errors,
  label,
  id,
  hint,
}: {
  stepUpActive: boolean;
  errors?: string[];
  label: string;
  id?: string;
  hint?: string;
}) {
  const methods = useSignInMethods();
  const { t } = useI18n();
  const [confirmed, setConfirmed] = useState(false);
  const offerPasskey = methods.passkeysAvailable && methods.passkeys > 0;
  if (stepUpActive && !errors) return null;
  if (!offerPasskey) return <StepUpPassword stepUpActive={false} errors={errors} label={label} id={id} hint={hint} />;
  return (
    <div className="flex flex-col gap-2">
      {methods.passwordOff ? (
        <>
          <p className="text-sm font-medium">{t("passkey.stepUpLabel")}</p>
          {errors?.length && !confirmed ? (
            <ul className="text-sm text-red-700 dark:text-red-400">
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : confirmed ? null : (
        <StepUpPassword stepUpActive={false} errors={errors} label={label} id={id} hint={hint} />
      )}
      <PasskeyStepUp primary={methods.passwordOff} onConfirmed={() => setConfirmed(true)} />
    </div>
  );
}
