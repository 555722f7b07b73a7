// Who may create an account (KEYDESK_SIGNUP): open, invite (with a valid invitation for that
// e-mail) or closed. Unset: open in development and tests; in production the first person may
// sign up (and owns the instance), after that invitation only.
import "server-only";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { inspectInvitation } from "@/lib/teams/invitations";

export type SignUpMode = "open" | "invite" | "closed" | "first";

/** The configured rule, before looking at the database. */
export function configuredSignUpMode(): "open" | "invite" | "closed" | "first-then-invite" {
  const env = getEnv();
  return env.KEYDESK_SIGNUP ?? (env.NODE_ENV === "production" ? "first-then-invite" : "open");
}

/** The rule that applies right now (what the sign-up page says). */
export async function currentSignUpMode(): Promise<SignUpMode> {
  const mode = configuredSignUpMode();
  if (mode !== "first-then-invite") return mode;
  return (await db.user.count()) === 0 ? "first" : "invite";
}

/** The invitation token inside a same-site `next` path (`/invite/<token>`), if any. */
export function invitationTokenFrom(next: string | null | undefined): string | null {
  const m = /^\/invite\/([A-Za-z0-9_-]{20,100})$/.exec(next ?? "");
  return m ? m[1]! : null;
}

export type SignUpPermission =
  | { ok: true; first: boolean }
  | { ok: false; reason: "closed" | "invite_only" | "invite_invalid" | "invite_other_email" };

/**
 * May this e-mail create an account now? Under `invite`, the invitation must be live and for
 * this very address (its page already shows the address, so this reveals nothing new).
 */
export async function mayCreateAccount(
  mode: SignUpMode,
  email: string,
  inviteToken: string | null,
): Promise<SignUpPermission> {
  if (mode === "open") return { ok: true, first: false };
  if (mode === "first") return { ok: true, first: true };
  if (mode === "closed") return { ok: false, reason: "closed" };
  if (!inviteToken) return { ok: false, reason: "invite_only" };
  const inv = await inspectInvitation(null, inviteToken);
  if (inv.state !== "valid") return { ok: false, reason: "invite_invalid" };
  if (inv.email.toLowerCase() !== email.toLowerCase()) return { ok: false, reason: "invite_other_email" };
  return { ok: true, first: false };
}
