"use client";
// Delete a key: a native <dialog> asks for the key's name (typed) and, without a fresh
// step-up, the password. The server checks both again.
import { useActionState, useRef } from "react";
import { deleteKeyAction, type DeleteKeyFormState } from "@/lib/keys/actions";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { Alert } from "@/components/ui/alert";

export function DeleteKeyForm({ keyRowId, label, stepUpActive }: { keyRowId: string; label: string; stepUpActive: boolean }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, action] = useActionState<DeleteKeyFormState, FormData>(deleteKeyAction, {});
  return (
    <>
      <Button variant="danger" onClick={() => dialog.current?.showModal()}>Delete key…</Button>
      <dialog ref={dialog} aria-labelledby="delete-key-title" className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-0 text-slate-900 backdrop:bg-black/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100">
        <form action={action} className="flex flex-col gap-4 p-4">
          <h2 id="delete-key-title" className="text-lg font-semibold">Delete “{label}” from Keydesk?</h2>
          <p className="text-sm">Keydesk will erase its encrypted copy of the key. This can&apos;t be undone, and the key itself keeps working at the exchange until you delete it there too.</p>
          {state.message ? <Alert tone="error" reference={state.requestId}>{state.message}</Alert> : null}
          <input type="hidden" name="keyId" value={keyRowId} />
          <TextField label={`Type the key's name (${label}) to confirm`} name="confirmLabel" autoComplete="off" required errors={state.fields?.confirmLabel} />
          {!stepUpActive || state.fields?.password ? (
            <TextField label="Your Keydesk password" name="password" type="password" autoComplete="current-password" errors={state.fields?.password} />
          ) : null}
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>Cancel</Button>
            <SubmitButton variant="danger" pendingText="Deleting…">Delete key</SubmitButton>
          </div>
        </form>
      </dialog>
    </>
  );
}
