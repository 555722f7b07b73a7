"use server";
import { guardAction } from "@/lib/http/action-guard";
// Key vault server actions: parse FormData with zod → authenticate → authorize → act.
// The pasted key never comes back in a returned state (the form is reset after submit).
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/sessions/session";
import { stepUpWith } from "@/lib/factors/step-up-with";
import { AppError } from "@/lib/errors";
import { addKeySchema, deleteKeySchema, keyIdParam } from "@/lib/keys/schemas";
import { addKeyForUser, type AddKeyFailure } from "@/lib/keys/add-key";
import { deleteKeyForOwner } from "@/lib/keys/delete-key";
import { recheckKeyForOwner } from "@/lib/keys/recheck-key";
import { getLocale } from "@/lib/i18n/server";
import { authTranslator } from "@/lib/i18n/server";

export interface AddKeyFormState {
  label?: string;
  message?: string;
  /** Set on errors: the request's id, shown as a reference. */
  requestId?: string;
  code?: AddKeyFailure | "invalid_input";
  fields?: Partial<Record<"label" | "key" | "confirmation" | "confirmTrade" | "password", string[]>>;
  scopes?: string[];
  existingKeyRowId?: string;
  /** code "same_account": the owner's key for that exchange account; the form offers Replace or adding anyway (sameAccount=add). */
  sameAccount?: { keyRowId: string; label: string };
}

async function addKeyActionImpl(_prev: AddKeyFormState, formData: FormData): Promise<AddKeyFormState> {
  const user = await requireUser();
  const parsed = addKeySchema.safeParse({
    label: formData.get("label"),
    key: formData.get("key"),
    confirmation: formData.get("confirmation") ?? undefined,
    password: formData.get("password") || undefined,
    confirmTrade: formData.get("confirmTrade") || undefined,
    sameAccount: formData.get("sameAccount") || undefined,
  });
  const label = String(formData.get("label") ?? "").slice(0, 60);
  if (!parsed.success) return { label, code: "invalid_input", fields: z.flattenError(parsed.error).fieldErrors };

  const steppedUp = await stepUpWith(user, parsed.data.password);
  if (steppedUp === "wrong")
    return {
      label,
      code: "needs_step_up",
      fields: { password: [(await authTranslator())("keyAction.wrongPassword")] },
    };

  const result = await addKeyForUser({ user, steppedUp, locale: await getLocale() }, parsed.data);
  if (!result.ok) {
    return {
      label,
      code: result.code,
      message: result.field ? undefined : result.message,
      fields: result.field ? { [result.field]: [result.message] } : undefined,
      scopes: result.scopes,
      existingKeyRowId: result.existingKeyRowId,
      ...(result.code === "same_account" && result.existingKeyRowId && result.existingLabel
        ? { sameAccount: { keyRowId: result.existingKeyRowId, label: result.existingLabel } }
        : {}),
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
  const t = await authTranslator();
  if (!parsed.success) return { message: t("keyAction.incomplete") };
  const steppedUp = await stepUpWith(user, parsed.data.password);
  if (steppedUp === "wrong") return { fields: { password: [t("keyAction.wrongPassword")] } };
  if (!steppedUp) return { fields: { password: [t("keyAction.passwordToDelete")] } };
  const result = await deleteKeyForOwner(user, parsed.data.keyId, parsed.data.confirmLabel);
  if (!result.ok) return { fields: { confirmLabel: [result.message] } };
  revalidatePath("/keys");
  redirect(`/keys?deleted=${encodeURIComponent(result.label)}`);
}

/** "Check again": a refusal (e.g. too many key checks this minute) comes back with its message and request id. */
export interface RecheckFormState {
  ok?: boolean;
  message?: string;
  requestId?: string;
}

async function recheckKeyActionImpl(_prev: RecheckFormState, formData: FormData): Promise<RecheckFormState> {
  const user = await requireUser();
  const id = keyIdParam.safeParse(formData.get("keyId"));
  if (!id.success) throw new AppError("bad_request", "keyAction.notKeyId");
  await recheckKeyForOwner(user, id.data);
  revalidatePath(`/keys/${id.data}`);
  return { ok: true };
}

export const addKeyAction = guardAction("addKeyAction", addKeyActionImpl);
export const deleteKeyAction = guardAction("deleteKeyAction", deleteKeyActionImpl);
export const recheckKeyAction = guardAction("recheckKeyAction", recheckKeyActionImpl);
