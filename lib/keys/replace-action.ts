"use server";
// Replace a key in place: parse FormData with zod → authenticate → step up → replace (owner only,
// checked inside). The pasted key never comes back in the returned state.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { guardAction } from "@/lib/http/action-guard";
import { requireUser } from "@/lib/sessions/session";
import { stepUpWith } from "@/lib/factors/step-up-with";
import { getLocale } from "@/lib/i18n/server";
import { translator } from "@/lib/i18n";
import { keyIdParam, MAX_KEY_INPUT_BYTES } from "@/lib/keys/schemas";
import { replaceKeyForOwner, type ReplaceFailure } from "@/lib/keys/replace";

const replaceKeySchema = z.object({
  keyId: keyIdParam,
  key: z.string().min(1).max(MAX_KEY_INPUT_BYTES),
  password: z.string().max(1024).optional(),
});

export interface ReplaceKeyFormState {
  code?: ReplaceFailure | "invalid_input";
  message?: string;
  requestId?: string;
  fields?: Partial<Record<"key" | "password", string[]>>;
}

async function replaceKeyActionImpl(_prev: ReplaceKeyFormState, formData: FormData): Promise<ReplaceKeyFormState> {
  const user = await requireUser();
  const parsed = replaceKeySchema.safeParse({
    keyId: formData.get("keyId"),
    key: formData.get("key"),
    password: formData.get("password") || undefined,
  });
  if (!parsed.success) return { code: "invalid_input", fields: z.flattenError(parsed.error).fieldErrors };
  const locale = await getLocale();
  const t = translator(locale);
  const steppedUp = await stepUpWith(user, parsed.data.password);
  if (steppedUp === "wrong") return { code: "needs_step_up", fields: { password: [t("replace.wrongPassword")] } };
  const result = await replaceKeyForOwner({ user, steppedUp, locale }, parsed.data.keyId, parsed.data.key);
  if (!result.ok) return { code: result.code, fields: { [result.field]: [result.message] } };
  revalidatePath(`/keys/${result.keyRowId}`);
  redirect(`/keys/${result.keyRowId}?replaced=1`);
}

export const replaceKeyAction = guardAction("replaceKeyAction", replaceKeyActionImpl);
