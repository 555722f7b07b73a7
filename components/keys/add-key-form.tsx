"use client";
// The add-key form. The pasted key lives only in this uncontrolled textarea: it is never
// put in state, and React resets the form after each submit, so it doesn't linger.
// A local preview of the key's permissions (decoded in the browser, where it was pasted)
// reveals the extra confirmation fields before submitting; the server checks everything again.
import Link from "next/link";
import { useActionState, useState } from "react";
import { addKeyAction, type AddKeyFormState } from "@/lib/keys/actions";
import { WITHDRAW_CONFIRMATION } from "@/lib/keys/constants";
import { scopeInfo } from "@/lib/keys/scope-info";
import { TextField } from "@/components/ui/text-field";
import { StepUpField } from "@/components/auth/step-up-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert, ErrorReference } from "@/components/ui/alert";
import { useI18n } from "@/components/i18n/locale-provider";

function previewScopes(text: string): string[] | null {
  const payload = text.trim().split(".")[1];
  if (!payload) return null;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as { scp?: unknown };
    return Array.isArray(json.scp) ? json.scp.filter((s): s is string => typeof s === "string") : null;
  } catch {
    return null;
  }
}

export function AddKeyForm({ stepUpActive }: { stepUpActive: boolean }) {
  const [state, action] = useActionState<AddKeyFormState, FormData>(addKeyAction, {});
  const [preview, setPreview] = useState<string[] | null>(null);
  const { t } = useI18n();
  const scopes = preview ?? state.scopes ?? [];
  const canWithdraw = scopes.includes("WITHDRAW");
  const risky = scopes.some((s) => s !== "READ_ONLY");
  const keyErrors = state.fields?.key;
  return (
    <form action={action} className="flex flex-col gap-4" autoComplete="off">
      {state.message ? (
        <Alert tone="error" reference={state.requestId}>
          {state.message}{" "}
          <Link href="/help/troubleshooting" className="underline">
            {t("addKey.troubleshooting")}
          </Link>
        </Alert>
      ) : null}
      {state.code === "duplicate" && state.existingKeyRowId ? (
        <Alert tone="info">
          <Link href={`/keys/${state.existingKeyRowId}`} className="underline">
            {t("addKey.openExisting")}
          </Link>
        </Alert>
      ) : null}
      <TextField
        label={t("addKey.name")}
        name="label"
        required
        maxLength={60}
        defaultValue={state.label}
        hint={t("addKey.nameHint")}
        errors={state.fields?.label}
      />
      <div className="flex flex-col gap-1">
        <label htmlFor="field-key" className="text-sm font-medium">
          {t("addKey.key")}
        </label>
        <textarea
          id="field-key"
          name="key"
          required
          rows={4}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          autoComplete="off"
          data-lpignore="true"
          aria-invalid={keyErrors?.length ? true : undefined}
          aria-describedby="field-key-hint field-key-error"
          onChange={(e) => setPreview(previewScopes(e.currentTarget.value))}
          className="w-full rounded-md border border-slate-300 bg-white p-3 font-mono text-xs break-all text-slate-900 aria-invalid:border-red-600 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
        />
        <p id="field-key-hint" className="text-xs text-slate-600 dark:text-slate-400">
          {t("addKey.keyHint")}
        </p>
        {keyErrors?.length ? (
          <ul id="field-key-error" className="text-sm text-red-700 dark:text-red-400">
            {keyErrors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        ) : null}
        {state.message ? null : <ErrorReference id={state.requestId} className="text-red-700 dark:text-red-400" />}
      </div>
      {scopes.length ? (
        <div className="flex flex-col gap-2" aria-live="polite">
          <p className="text-sm font-medium">{t("addKey.mayDo")}</p>
          <ul className="list-disc pl-5 text-sm">
            {scopes.map((s) => (
              <li key={s}>
                <strong>{scopeInfo(s, t).name}</strong>: {scopeInfo(s, t).summary}
              </li>
            ))}
          </ul>
          {scopes
            .filter((s) => scopeInfo(s, t).warning)
            .map((s) => (
              <Alert
                key={s}
                tone={s === "WITHDRAW" ? "error" : "warning"}
                title={t("scope.permission", { name: scopeInfo(s, t).name })}
              >
                {scopeInfo(s, t).warning}
              </Alert>
            ))}
        </div>
      ) : null}
      {canWithdraw ? (
        <TextField
          label={t("addKey.typeToConfirm", { word: WITHDRAW_CONFIRMATION })}
          name="confirmation"
          autoComplete="off"
          errors={state.fields?.confirmation}
        />
      ) : null}
      {(risky && !stepUpActive) || state.code === "needs_step_up" ? (
        <StepUpField
          stepUpActive={false}
          label={t("addKey.password")}
          hint={t("addKey.passwordHint")}
          errors={state.fields?.password}
        />
      ) : null}
      <SubmitButton pendingText={t("addKey.pending")}>{t("addKey.submit")}</SubmitButton>
    </form>
  );
}
