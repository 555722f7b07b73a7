"use client";
// "Check again": one key check through the upstream gate. When the gate refuses it (too many
// key checks this minute, the exchange blocking this server), the reason and the request id
// are shown here instead of being lost.
import { useActionState } from "react";
import { recheckKeyAction, type RecheckFormState } from "@/lib/keys/actions";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";

export function RecheckKeyForm({
  keyRowId,
  label,
  pendingText,
}: {
  keyRowId: string;
  label: string;
  pendingText: string;
}) {
  const [state, action] = useActionState<RecheckFormState, FormData>(recheckKeyAction, {});
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="keyId" value={keyRowId} />
      <SubmitButton variant="secondary" pendingText={pendingText}>
        {label}
      </SubmitButton>
      {state.ok === false && state.message ? (
        <Alert tone="error" reference={state.requestId}>
          {state.message}
        </Alert>
      ) : null}
    </form>
  );
}
