"use client";
// The add-key form. The pasted key lives in this uncontrolled textarea and in a ref of this
// component, in the browser only: React 19 resets a form after its action, so the textarea (and
// the typed confirmation) are put back after each of the server's replies (a prompt for the
// password, the Withdraw word, the Trade confirmation): the key is never pasted twice, and the
// server never sends it back. A local preview of the key's permissions (decoded in the browser,
// where it was pasted) says first what is missing (two-factor sign-in for Trade/Withdraw, with a
// link to turn it on) and reveals the confirmation fields before submitting; the server checks
// everything again.
import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
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

/** The replies that ask for one more thing: a prompt in words, not an error with a bare reference. */
const PROMPTS = new Set(["needs_confirmation", "needs_trade_confirmation", "needs_step_up", "needs_two_factor"]);

export function AddKeyForm({
  stepUpActive,
  twoFactorMissing = false,
}: {
  stepUpActive: boolean;
  /** Trade and Withdraw keys need two-factor sign-in here, and this account has none yet. */
  twoFactorMissing?: boolean;
}) {
  const [state, action] = useActionState<AddKeyFormState, FormData>(addKeyAction, {});
  const [preview, setPreview] = useState<string[] | null>(null);
  const { t } = useI18n();
  const keyRef = useRef<HTMLTextAreaElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const typed = useRef({ key: "", confirmation: "" });
  // After each reply (React has reset the form by then), put back what was pasted and typed.
  useEffect(() => {
    if (keyRef.current && !keyRef.current.value) keyRef.current.value = typed.current.key;
    if (confirmRef.current && !confirmRef.current.value) confirmRef.current.value = typed.current.confirmation;
  }, [state]);
  const scopes = preview ?? state.scopes ?? [];
  const canWithdraw = scopes.includes("WITHDRAW");
  const canTrade = scopes.includes("TRADE");
  const risky = scopes.some((s) => s !== "READ_ONLY");
  const blocked = risky && (twoFactorMissing || state.code === "needs_two_factor");
  const prompt = state.code && PROMPTS.has(state.code);
  const keyErrors = state.code === "needs_two_factor" || state.code === "same_account" ? undefined : state.fields?.key;
  const promptText =
    state.code === "needs_confirmation"
      ? t("addKey.promptWithdraw")
      : state.code === "needs_trade_confirmation"
        ? t("addKey.promptTrade")
        : state.code === "needs_step_up"
          ? t("addKey.promptPassword")
          : null;
  return (
    <form action={action} className="flex flex-col gap-4" autoComplete="off">
      {blocked ? (
        <Alert tone="warning" title={t("addKey.twoFactorTitle")}>
          <span data-testid="add-key-needs-two-factor">
            {t("addKey.twoFactorMissing")}{" "}
            <Link href="/settings#two-factor" className="font-medium underline">
              {t("addKey.twoFactorLink")}
            </Link>
          </span>
        </Alert>
      ) : null}
      {promptText && !blocked ? (
        <Alert tone="info">
          <span data-testid="add-key-prompt">{promptText}</span>
        </Alert>
      ) : null}
      {state.message && !prompt ? (
        <Alert tone="error" reference={state.requestId}>
          {state.message}{" "}
          <Link href="/help/troubleshooting" className="underline">
            {t("addKey.troubleshooting")}
          </Link>
        </Alert>
      ) : null}
      {state.code === "same_account" && state.sameAccount ? (
        // A second key for an account the owner holds: replace that one, or tick to add this one too.
        <Alert tone="warning">
          <p>{t("addKey.sameAccount", { label: state.sameAccount.label })}</p>
          <p className="mt-2">
            <Link href={`/keys/${state.sameAccount.keyRowId}#replace`} className="underline">
              {t("addKey.sameAccountReplace", { label: state.sameAccount.label })}
            </Link>
          </p>
          <label className="mt-2 flex items-start gap-2">
            <input type="checkbox" name="sameAccount" value="add" className="mt-1" data-testid="same-account-add" />
            <span>{t("addKey.sameAccountAdd")}</span>
          </label>
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
          ref={keyRef}
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
          onChange={(e) => {
            typed.current.key = e.currentTarget.value;
            setPreview(previewScopes(e.currentTarget.value));
          }}
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
        {state.message || prompt ? null : (
          <ErrorReference id={state.requestId} className="text-red-700 dark:text-red-400" />
        )}
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
      {canWithdraw && !blocked ? (
        <TextField
          ref={confirmRef}
          label={t("addKey.typeToConfirm", { word: WITHDRAW_CONFIRMATION })}
          name="confirmation"
          autoComplete="off"
          errors={state.fields?.confirmation}
          onChange={(e) => {
            typed.current.confirmation = e.currentTarget.value;
          }}
        />
      ) : null}
      {canTrade && !canWithdraw && !blocked ? (
        <div className="flex flex-col gap-1">
          <label className="flex min-h-11 items-start gap-2 text-sm">
            <input
              type="checkbox"
              name="confirmTrade"
              value="yes"
              className="mt-0.5 h-5 w-5 shrink-0"
              aria-describedby={state.fields?.confirmTrade?.length ? "field-confirm-trade-error" : undefined}
            />
            {t("addKey.confirmTrade")}
          </label>
          {state.fields?.confirmTrade?.length ? (
            <p id="field-confirm-trade-error" className="text-sm text-red-700 dark:text-red-400">
              {state.fields.confirmTrade[0]}
            </p>
          ) : null}
        </div>
      ) : null}
      {!blocked && ((risky && !stepUpActive) || state.code === "needs_step_up") ? (
        <StepUpField
          stepUpActive={false}
          label={t("addKey.password")}
          hint={t("addKey.passwordHint")}
          errors={state.fields?.password}
        />
      ) : null}
      <SubmitButton pendingText={t("addKey.pending")} disabled={blocked}>
        {t("addKey.submit")}
      </SubmitButton>
    </form>
  );
}
