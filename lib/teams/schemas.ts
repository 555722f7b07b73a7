import { z } from "zod";
import { rowId } from "@/lib/ids";

export const teamIdParam = rowId("Not a team id.");
export const teamNameSchema = z
  .string()
  .trim()
  .min(1, "Give the team a name.")
  .max(60, "Keep the name under 60 characters.");
export const inviteSchema = z.object({
  teamId: teamIdParam,
  email: z.email("Enter an e-mail address.").trim().toLowerCase().max(254),
  role: z.enum(["admin", "member"], { message: "Choose admin or member." }),
  /** The language the invitation is mailed in. */
  locale: z.enum(["en", "de"], { message: "Choose English or German." }).default("en"),
});
export const shareSchema = z.object({
  keyId: rowId("Not a key id."),
  teamId: teamIdParam,
  hideAmounts: z.boolean(),
  allowExport: z.boolean(),
});
export const INVITATION_TTL_MS = 7 * 86_400_000;
