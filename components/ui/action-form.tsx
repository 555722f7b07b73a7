"use client";
// A form bound to a server action that answers with { ok, message, fields }: shows the
// message (success or error) next to the form and the field errors under their fields.
import { useActionState } from "react";
import type { ActionState } from "@/lib/teams/actions";
import { Alert, ErrorReference } from "./alert";
import { SubmitButton } from "./submit-button";

export function ActionForm({ action, hidden = {}, submit, pending, variant, className = "", children, label }: {
  action: (p: ActionState, fd: FormData) => Promise<ActionState>;
  hidden?: Record<string, string>;
  submit: string;
  pending: string;
  variant?: "primary" | "secondary" | "danger";
  className?: string;
  label?: string;
  children?: (state: ActionState) => React.ReactNode;
}) {
  const [state, formAction] = useActionState<ActionState, FormData>(action, {});
  return (
    <form action={formAction} className={`flex flex-col gap-3 ${className}`} aria-label={label}>
      {Object.entries(hidden).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      {children?.(state)}
      {state.message && !state.link ? <Alert tone={state.ok ? "success" : "error"} reference={state.ok ? undefined : state.requestId}>{state.message}</Alert> : null}
      {!state.message && !state.ok ? <ErrorReference id={state.requestId} className="text-red-700 dark:text-red-400" /> : null}
      {state.link ? (
        <Alert tone="success" title={state.message}>
          <p className="mt-1 break-all font-mono text-xs" data-testid="invite-link">{state.link}</p>
          <p className="mt-1 text-xs">Keydesk shows this link only now and stores only a hash of it. Expires {state.expiresAt}.</p>
        </Alert>
      ) : null}
      <div><SubmitButton variant={variant} pendingText={pending}>{submit}</SubmitButton></div>
    </form>
  );
}
