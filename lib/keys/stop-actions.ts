"use server";
// Emergency stop and cancel-all: parse FormData with zod → authenticate → step up → act (owner
// only and every other rule checked inside lib/keys/emergency-stop.ts and cancel-all-orders.ts).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { guardAction } from "@/lib/http/action-guard";
import { requireUser } from "@/lib/sessions/session";
import { stepUpWith } from "@/lib/factors/step-up-with";
import { getLocale } from "@/lib/i18n/server";
import { translator } from "@/lib/i18n";
import { keyIdParam } from "@/lib/keys/schemas";
import { stopKeyForOwner } from "@/lib/keys/emergency-stop";
import { requireKeyAccess } from "@/lib/keys/access";
import { cancelAllOrdersForOwner, type CancelAllFailure } from "@/lib/keys/cancel-all-orders";

const keySchema = z.object({ keyId: keyIdParam, password: z.string().max(1024).optional() });
// The stop asks for one explicit confirmation every time, even inside a step-up window: a
// password typed a minute ago for something else is no consent to stop this key.
const stopSchema = keySchema.extend({ confirm: z.literal("stop").optional() });
const cancelSchema = keySchema.extend({ code: z.string().max(64).optional() });

export interface StopKeyFormState {
  code?: "needs_step_up" | "needs_confirmation" | "invalid_input";
  message?: string;
  requestId?: string;
  fields?: Partial<Record<"password" | "confirm", string[]>>;
}

async function stopKeyActionImpl(_prev: StopKeyFormState, formData: FormData): Promise<StopKeyFormState> {
  const user = await requireUser();
  const parsed = stopSchema.safeParse({
    keyId: formData.get("keyId"),
    password: formData.get("password") || undefined,
    confirm: formData.get("confirm") || undefined,
  });
  if (!parsed.success) return { code: "invalid_input", fields: z.flattenError(parsed.error).fieldErrors };
  const t = translator(await getLocale());
  // Who may stop it is decided first: anyone but the owner is refused before being asked to confirm.
  await requireKeyAccess(user, parsed.data.keyId, "manage");
  if (parsed.data.confirm !== "stop")
    return { code: "needs_confirmation", fields: { confirm: [t("stop.needsConfirm")] } };
  const steppedUp = await stepUpWith(user, parsed.data.password);
  if (steppedUp === "wrong") return { code: "needs_step_up", fields: { password: [t("stop.wrongPassword")] } };
  const result = await stopKeyForOwner(user, parsed.data.keyId, steppedUp);
  if (!result.ok) return { code: "needs_step_up", fields: { password: [t("stop.needsStepUp")] } };
  revalidatePath(`/keys/${result.keyRowId}`);
  redirect(`/keys/${result.keyRowId}?stopped=1`);
}

export const stopKeyAction = guardAction("stopKeyAction", stopKeyActionImpl);

export interface CancelAllFormState {
  code?: CancelAllFailure | "invalid_input";
  message?: string;
  requestId?: string;
  fields?: Partial<Record<"password" | "code", string[]>>;
  /** The exchange's answer: the ids of the orders it cancelled. */
  cancelled?: string[];
}

async function cancelAllOrdersActionImpl(_prev: CancelAllFormState, formData: FormData): Promise<CancelAllFormState> {
  const user = await requireUser();
  const parsed = cancelSchema.safeParse({
    keyId: formData.get("keyId"),
    password: formData.get("password") || undefined,
    code: formData.get("code") || undefined,
  });
  if (!parsed.success) return { code: "invalid_input", fields: z.flattenError(parsed.error).fieldErrors };
  const locale = await getLocale();
  const t = translator(locale);
  const steppedUp = await stepUpWith(user, parsed.data.password);
  if (steppedUp === "wrong") return { code: "needs_step_up", fields: { password: [t("stop.wrongPassword")] } };
  const result = await cancelAllOrdersForOwner({ user, steppedUp, code: parsed.data.code, locale }, parsed.data.keyId);
  if (!result.ok) {
    if (result.field === "form") return { code: result.code, message: result.message };
    return { code: result.code, fields: { [result.field]: [result.message] } };
  }
  return { cancelled: result.cancelled };
}

export const cancelAllOrdersAction = guardAction("cancelAllOrdersAction", cancelAllOrdersActionImpl);
