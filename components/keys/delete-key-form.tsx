"use client";
// Delete a key: a native <dialog> asks for the key's name (typed) and, without a fresh
// step-up, the password. The server checks both again.
import { StepUpField } from "@/components/auth/step-up-field";
import { useActionState, useRef } from "react";
import { deleteKeyAction, type DeleteKeyFormState } from "@/lib/keys/actions";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { Alert } from "@/components/ui/alert";
import { useI18n } from "@/components/i18n/locale-provider";

export function DeleteKeyForm({
  keyRowId,
  label,
  stepUpActive,
}: {
  keyRowId: string;
  label: string;
  stepUpActive: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, action] = useActionState<DeleteKeyFormState, FormData>(deleteKeyAction, {});
  const { t } = useI18n();
  return (
    <>
      <Button variant="danger" onClick={() => dialog.current?.showModal()}>
        {t("deleteKey.open")}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="delete-key-title"
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-0 text-slate-900 backdrop:bg-black/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <form action={action} className="flex flex-col gap-4 p-4">
          <h2 id="delete-key-title" className="text-lg font-semibold">
            {t("deleteKey.title", { label })}
          </h2>
          <p className="text-sm">{t("deleteKey.explain")}</p>
          {state.message ? (
            <Alert tone="error" reference={state.requestId}>
              {state.message}
            </Alert>
          ) : null}
          <input type="hidden" name="keyId" value={keyRowId} />
          <TextField
            label={t("deleteKey.typeName", { label })}
            name="confirmLabel"
            autoComplete="off"
            required
            errors={state.fields?.confirmLabel}
          />
          <StepUpField stepUpActive={stepUpActive} label={t("deleteKey.password")} errors={state.fields?.password} />
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              {t("deleteKey.cancel")}
            </Button>
            <SubmitButton variant="danger" pendingText={t("deleteKey.pending")}>
              {t("deleteKey.submit")}
            </SubmitButton>
          </div>
        </form>
      </dialog>
    </>
  );
}
