"use client";
// The frame the key page's dangerous owner actions share (emergency stop, cancel all orders): a
// bordered section with its title and intro, then a form that names the key, asks for the
// password unless a step-up is live, shows the action's error with its reference, and submits.
import type { ReactNode } from "react";
import { StepUpField } from "@/components/auth/step-up-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { useI18n } from "@/components/i18n/locale-provider";

const BORDER = {
  red: "border-red-300 dark:border-red-800",
  amber: "border-amber-300 dark:border-amber-800",
};

export interface DangerFormState {
  message?: string;
  requestId?: string;
  fields?: { password?: string[] };
}

export function DangerForm({
  id,
  tone,
  title,
  intro,
  result,
  action,
  state,
  keyRowId,
  stepUpActive,
  extraFields,
  submitLabel,
}: {
  id: string;
  tone: keyof typeof BORDER;
  title: string;
  intro: string;
  /** What the last submission did, shown above the form. */
  result?: ReactNode;
  action: (form: FormData) => void;
  state: DangerFormState;
  keyRowId: string;
  stepUpActive: boolean;
  extraFields?: ReactNode;
  submitLabel: string;
}) {
  const { t } = useI18n();
  return (
    <section
      id={id}
      aria-labelledby={`${id}-title`}
      className={`flex flex-col gap-3 rounded-lg border p-4 ${BORDER[tone]}`}
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      <p className="text-sm">{intro}</p>
      {result}
      <form action={action} className="flex flex-col gap-3">
        {state.message ? (
          <Alert tone="error" reference={state.requestId}>
            {state.message}
          </Alert>
        ) : null}
        <input type="hidden" name="keyId" value={keyRowId} />
        <StepUpField
          stepUpActive={stepUpActive}
          label={t("stop.passwordLabel")}
          id={`${id}-password`}
          errors={state.fields?.password}
        />
        {extraFields}
        <div>
          <SubmitButton variant="danger" pendingText="…">
            {submitLabel}
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
