import { z } from "zod";
import { rowId } from "@/lib/ids";
import type { MessageKey } from "@/lib/i18n/messages";

export const teamIdParam = rowId("teamErr.notTeamId" satisfies MessageKey);
export const teamNameSchema = z
  .string()
  .trim()
  .min(1, "teamErr.nameMissing" satisfies MessageKey)
  .max(60, "teamErr.nameLong" satisfies MessageKey);
export const inviteSchema = z.object({
  teamId: teamIdParam,
  email: z
    .email("teamErr.emailInvalid" satisfies MessageKey)
    .trim()
    .toLowerCase()
    .max(254),
  role: z.enum(["admin", "member"], { message: "teamErr.roleInvalid" satisfies MessageKey }),
  /** The language the invitation is mailed in. */
  locale: z.enum(["en", "de"], { message: "teamErr.localeInvalid" satisfies MessageKey }).default("en"),
});
export const shareSchema = z.object({
  keyId: rowId("error.notKeyId" satisfies MessageKey),
  teamId: teamIdParam,
  hideAmounts: z.boolean(),
  allowExport: z.boolean(),
});
export const INVITATION_TTL_MS = 7 * 86_400_000;
