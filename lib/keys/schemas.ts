// Input schemas for the key vault's forms. The pasted key is only size-checked here;
// its format is checked (with specific errors) by lib/exchange/claims.ts.
import { z } from "zod";
import { KEY_ID_IN_URL } from "@/lib/ids";

export const MAX_KEY_INPUT_BYTES = 8 * 1024;

export const addKeySchema = z.object({
  label: z.string().trim().min(1, "Give the key a name you will recognise.").max(60, "Use at most 60 characters."),
  key: z
    .string()
    .min(1, "Paste the API key the exchange showed you.")
    .max(MAX_KEY_INPUT_BYTES, "That is far longer than an exchange API key."),
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

export const keyIdParam = z.string().regex(new RegExp(`^${KEY_ID_IN_URL}$`), "Not a key id.");
