"use client";
// Replace a key in place: the owner pastes the successor (and, without a fresh step-up, the
// password). The server checks the account, the permissions and the key with the exchange.
import { StepUpField } from "@/components/auth/step-up-field";
import { useActionState } from "react";
import { replaceKeyAction, type ReplaceKeyFormState } from "@/lib/keys/replace-action";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { Alert } from "@/components/ui/alert";

export interface ReplaceKeyTexts {
  title: string;
  intro: string;
  keyLabel: string;
  passwordLabel: string;
  submit: string;
}

export function ReplaceKeyForm({
  keyRowId,
  stepUpActive,
  texts,
}: {
  keyRowId: string;
  stepUpActive: boolean;
  texts: ReplaceKeyTexts;
}) {
  const [state, action] = useActionState<ReplaceKeyFormState, FormData>(replaceKeyAction, {});
  return (
    <section
      id="replace"
      aria-labelledby="replace-key-title"
      className="flex flex-col gap-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
    >
      <h2 id="replace-key-title" className="text-lg font-semibold">
        {texts.title}
      </h2>
      <p className="text-sm">{texts.intro}</p>
      <form action={action} className="flex flex-col gap-3">
        {state.message ? (
          <Alert tone="error" reference={state.requestId}>
            {state.message}
          </Alert>
        ) : null}
        <input type="hidden" name="keyId" value={keyRowId} />
        <TextField
          label={texts.keyLabel}
          id="replace-key"
          name="key"
          autoComplete="off"
          spellCheck={false}
          required
          errors={state.fields?.key}
        />
        <StepUpField
          stepUpActive={stepUpActive}
          label={texts.passwordLabel}
          id="replace-password"
          errors={state.fields?.password}
        />
        <div>
          <SubmitButton variant="secondary" pendingText="…">
            {texts.submit}
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
