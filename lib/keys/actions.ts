"use server";
import { guardAction, guardVoidAction } from "@/lib/http/action-guard";
// Key vault server actions: parse FormData with zod → authenticate → authorize → act.
// The pasted key never comes back in a returned state (the form is reset after submit).
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { stepUpWith } from "@/lib/auth/step-up-with";
import { AppError } from "@/lib/errors";
import { addKeySchema, deleteKeySchema, keyIdParam } from "@/lib/keys/schemas";
import { addKeyForUser, type AddKeyFailure } from "@/lib/keys/add-key";
import { deleteKeyForOwner } from "@/lib/keys/delete-key";
import { recheckKeyForOwner } from "@/lib/keys/recheck-key";
import type { CurrentUser } from "@/lib/auth/session";

export interface AddKeyFormState {
  label?: string;
  message?: string;
  /** Set on errors: the request's id, shown as a reference. */
  requestId?: string;
  code?: AddKeyFailure | "invalid_input";
  fields?: Partial<Record<"label" | "key" | "confirmation" | "password", string[]>>;
  scopes?: string[];
  existingKeyRowId?: string;
}

async function addKeyActionImpl(_prev: AddKeyFormState, formData: FormData): Promise<AddKeyFormState> {
  const user = await requireUser();
  const parsed = addKeySchema.safeParse({
    label: formData.get("label"),
    key: formData.get("key"),
    confirmation: formData.get("confirmation") ?? undefined,
    password: formData.get("password") || undefined,
  });
  const label = String(formData.get("label") ?? "").slice(0, 60);
  if (!parsed.success) return { label, code: "invalid_input", fields: z.flattenError(parsed.error).fieldErrors };

  const steppedUp = await stepUpWith(user, parsed.data.password);
  if (steppedUp === "wrong") return { label, code: "needs_step_up", fields: { password: ["That password is not correct."] } };

  const result = await addKeyForUser({ user, steppedUp }, parsed.data);
  if (!result.ok) {
    return {
      label,
      code: result.code,
      message: result.field ? undefined : result.message,
      fields: result.field ? { [result.field]: [result.message] } : undefined,
      scopes: result.scopes,
      existingKeyRowId: result.existingKeyRowId,
    };
  }
  revalidatePath("/keys");
  redirect(`/keys/${result.keyRowId}?added=1`);
}

export interface DeleteKeyFormState {
  fields?: Partial<Record<"confirmLabel" | "password", string[]>>;
  message?: string;
  /** Set on errors: the request's id, shown as a reference. */
  requestId?: string;
}

async function deleteKeyActionImpl(_prev: DeleteKeyFormState, formData: FormData): Promise<DeleteKeyFormState> {
  const user = await requireUser();
  const parsed = deleteKeySchema.safeParse({
    keyId: formData.get("keyId"),
    confirmLabel: formData.get("confirmLabel") ?? "",
    password: formData.get("password") || undefined,
  });
  if (!parsed.success) return { message: "The form was incomplete. Reload the page and try again." };
  const steppedUp = await stepUpWith(user, parsed.data.password);
  if (steppedUp === "wrong") return { fields: { password: ["That password is not correct."] } };
  if (!steppedUp) return { fields: { password: ["Enter your password to delete a key."] } };
  const result = await deleteKeyForOwner(user, parsed.data.keyId, parsed.data.confirmLabel);
  if (!result.ok) return { fields: { confirmLabel: [result.message] } };
  revalidatePath("/keys");
  redirect(`/keys?deleted=${encodeURIComponent(result.label)}`);
}

async function recheckKeyActionImpl(formData: FormData): Promise<void> {
  const user = await requireUser();
  const id = keyIdParam.safeParse(formData.get("keyId"));
  if (!id.success) throw new AppError("bad_request", "Not a key id.");
  await recheckKeyForOwner(user, id.data);
  revalidatePath(`/keys/${id.data}`);
}

export const addKeyAction = guardAction("addKeyAction", addKeyActionImpl);
export const deleteKeyAction = guardAction("deleteKeyAction", deleteKeyActionImpl);
export const recheckKeyAction = guardVoidAction("recheckKeyAction", recheckKeyActionImpl);
