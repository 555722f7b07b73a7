// Input schemas for the key vault's forms. The pasted key is only size-checked here;
// its format is checked (with specific errors) by lib/exchange/claims.ts. Issues name their
// text by catalogue key; the action guard puts it into the reader's language.
import { z } from "zod";
import type { MessageKey } from "@/lib/i18n/messages";
import { KEY_ID_IN_URL } from "@/lib/ids";

export const MAX_KEY_INPUT_BYTES = 8 * 1024;

export const addKeySchema = z.object({
  label: z
    .string()
    .trim()
    .min(1, "error.keyLabelMissing" satisfies MessageKey)
    .max(60, "error.keyLabelLong" satisfies MessageKey),
  key: z
    .string()
    .min(1, "error.keyMissing" satisfies MessageKey)
    .max(MAX_KEY_INPUT_BYTES, "error.keyTooLong" satisfies MessageKey),
  confirmation: z.string().trim().optional(),
  password: z.string().optional(),
  /** "yes": the owner ticked that Keydesk should hold a key that can trade. */
  confirmTrade: z.literal("yes").optional(),
  /** "add": the owner was told they already hold a key for this exchange account and adds this one anyway. */
  sameAccount: z.literal("add").optional(),
});

export type AddKeyInput = z.infer<typeof addKeySchema>;

export { WITHDRAW_CONFIRMATION } from "./constants";

export const deleteKeySchema = z.object({
  keyId: z.string().min(1).max(64),
  confirmLabel: z.string(),
  password: z.string().optional(),
});

export const keyIdParam = z.string().regex(new RegExp(`^${KEY_ID_IN_URL}$`), "error.notKeyId" satisfies MessageKey);
