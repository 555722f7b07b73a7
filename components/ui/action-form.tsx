"use client";
// A form bound to a server action that answers with an ActionState: shows the message
// (success or error) next to the form and the field errors under their fields. A feature that
// answers with more (a link to show once) renders it through `result`, which replaces the message.
import { useActionState } from "react";
import type { ActionState } from "@/lib/http/action-state";
import { Alert, ErrorReference } from "./alert";
import { SubmitButton } from "./submit-button";

export function ActionForm<S extends ActionState>({
  action,
  hidden = {},
  submit,
  pending,
  variant,
  className = "",
  children,
  label,
  result,
}: {
  action: (p: Awaited<S>, fd: FormData) => Promise<S>;
  hidden?: Record<string, string>;
  submit: string;
  pending: string;
  variant?: "primary" | "secondary" | "danger";
  className?: string;
  label?: string;
  children?: (state: Awaited<S>) => React.ReactNode;
  result?: (state: Awaited<S>) => React.ReactNode;
}) {
  const [state, formAction] = useActionState<S, FormData>(action, {} as Awaited<S>);
  const shown = result?.(state);
  return (
    <form action={formAction} className={`flex flex-col gap-3 ${className}`} aria-label={label}>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {children?.(state)}
      {state.message && !shown ? (
        <Alert tone={state.ok ? "success" : "error"} reference={state.ok ? undefined : state.requestId}>
          {state.message}
        </Alert>
      ) : null}
      {!state.message && !state.ok ? (
        <ErrorReference id={state.requestId} className="text-red-700 dark:text-red-400" />
      ) : null}
      {shown}
      <div>
        <SubmitButton variant={variant} pendingText={pending}>
          {submit}
        </SubmitButton>
      </div>
    </form>
  );
}
