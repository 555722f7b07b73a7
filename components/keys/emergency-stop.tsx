"use client";
// The emergency stop ("this key may be compromised") and, for a key with Trade, "Cancel all
// open orders now". Both ask for the password unless a step-up is live; the stop also asks for
// one explicit confirmation every time; cancel-all asks for a two-factor code when the owner has it on. The result lists the exchange's answer.
import { useActionState } from "react";
import {
  cancelAllOrdersAction,
  stopKeyAction,
  type CancelAllFormState,
  type StopKeyFormState,
} from "@/lib/keys/stop-actions";
import { TextField } from "@/components/ui/text-field";
import { Alert } from "@/components/ui/alert";
import { useI18n } from "@/components/i18n/locale-provider";
import { DangerForm } from "./danger-form";

export function StopKeyForm({ keyRowId, stepUpActive }: { keyRowId: string; stepUpActive: boolean }) {
  const { t } = useI18n();
  const [state, action] = useActionState<StopKeyFormState, FormData>(stopKeyAction, {});
  return (
    <DangerForm
      id="stop"
      tone="red"
      title={t("stop.title")}
      intro={t("stop.intro")}
      action={action}
      state={state}
      keyRowId={keyRowId}
      stepUpActive={stepUpActive}
      submitLabel={t("stop.submit")}
      extraFields={<StopConfirm errors={state.fields?.confirm} />}
    />
  );
}

/** The stop's one explicit confirmation, asked even while a step-up is live (the server checks it too). */
function StopConfirm({ errors }: { errors?: string[] }) {
  const { t } = useI18n();
  return (
    <div className="flex flex-col gap-1">
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          name="confirm"
          value="stop"
          required
          className="mt-1"
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={errors?.length ? "stop-confirm-error" : undefined}
        />
        <span>{t("stop.confirm")}</span>
      </label>
      {errors?.length ? (
        <p id="stop-confirm-error" className="text-sm text-red-700 dark:text-red-300">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function CancelAllForm({
  keyRowId,
  stepUpActive,
  twoFactor,
}: {
  keyRowId: string;
  stepUpActive: boolean;
  twoFactor: boolean;
}) {
  const { t } = useI18n();
  const [state, action] = useActionState<CancelAllFormState, FormData>(cancelAllOrdersAction, {});
  const result = state.cancelled ? (
    <Alert tone="success">
      <p>{state.cancelled.length ? t("cancel.done", { count: state.cancelled.length }) : t("cancel.none")}</p>
      {state.cancelled.length ? (
        <ul className="mt-1 list-disc pl-5 font-mono text-xs break-all" data-testid="cancelled-orders">
          {state.cancelled.map((id) => (
            <li key={id}>{id}</li>
          ))}
        </ul>
      ) : null}
    </Alert>
  ) : null;
  return (
    <DangerForm
      id="cancel-all"
      tone="amber"
      title={t("cancel.title")}
      intro={t("cancel.intro")}
      result={result}
      action={action}
      state={state}
      keyRowId={keyRowId}
      stepUpActive={stepUpActive}
      submitLabel={t("cancel.submit")}
      extraFields={
        twoFactor ? (
          <TextField
            label={t("cancel.codeLabel")}
            id="cancel-code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            errors={state.fields?.code}
          />
        ) : null
      }
    />
  );
}
