// Single sign-on (OIDC) rules. An OIDC identity maps to a Keydesk account by e-mail only when
// the provider says `email_verified: true`, and it links to an existing account only when that
// account has no password (a password account is never taken over through its e-mail at a
// provider; nor is one that turned its password off for passkeys). A new account follows the
// sign-up rule (KEYDESK_SIGNUP; under `invite`, a live invitation for that address). An account
// with two-factor sign-in still needs its code: the provider's answer is parked in a sealed
// 5-minute cookie until the code is given.
import "server-only";
import { createHash } from "node:crypto";
import { cookies } from "next/headers";
import { getIronSession, type SessionOptions } from "iron-session";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { recordAudit } from "@/lib/audit/record";
import { currentSignUpMode } from "@/lib/sign-up/sign-up-policy";

export type OidcRefusal = "oidc_unverified" | "oidc_has_password" | "oidc_passkeys_only" | "oidc_no_account";
export type OidcDecision =
  { ok: true; userId: string; email: string; needsCode: boolean } | { ok: false; reason: OidcRefusal };

export async function decideOidcSignIn(
  profile: { email?: unknown; email_verified?: unknown; name?: unknown } | undefined,
): Promise<OidcDecision> {
  const email = typeof profile?.email === "string" ? profile.email.trim().toLowerCase() : "";
  if (!email || profile?.email_verified !== true) return { ok: false, reason: "oidc_unverified" };
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, totpEnabledAt: true, passwordOffAt: true },
  });
  if (user?.passwordHash) return { ok: false, reason: "oidc_has_password" };
  // A password turned off for passkeys is not an opening for the provider: that account was
  // never the provider's, and its passkeys are what protect it now.
  if (user?.passwordOffAt) return { ok: false, reason: "oidc_passkeys_only" };
  if (user) return { ok: true, userId: user.id, email, needsCode: Boolean(user.totpEnabledAt) };
  const mode = await currentSignUpMode();
  const invited =
    mode === "invite" &&
    (await db.invitation.count({
      where: { email, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    })) > 0;
  if (!(mode === "open" || mode === "first" || invited)) return { ok: false, reason: "oidc_no_account" };
  const name = typeof profile?.name === "string" ? profile.name.slice(0, 100) : null;
  // The provider confirmed the address (email_verified: true above).
  const created = await db.user.create({ data: { email, name, emailVerifiedAt: new Date() } });
  await recordAudit({ actorId: created.id, action: "auth.sign_up", outcome: "success", detail: { provider: "oidc" } });
  return { ok: true, userId: created.id, email, needsCode: false };
}

export const OIDC_PENDING_COOKIE = "keydesk-oidc-pending";
const PENDING_TTL_SECONDS = 5 * 60;

export function pendingOptions(): SessionOptions {
  const env = getEnv();
  const password = createHash("sha256").update(`keydesk-oidc-pending:${env.AUTH_SECRET}`).digest("base64");
  return {
    password,
    cookieName: OIDC_PENDING_COOKIE,
    ttl: PENDING_TTL_SECONDS,
    cookieOptions: { httpOnly: true, sameSite: "lax", secure: env.NODE_ENV === "production", path: "/" },
  };
}

interface Pending {
  userId?: string;
  email?: string;
  until?: number;
}

/** Parks a provider-confirmed identity that still owes its two-factor code. */
export async function parkOidcSignIn(userId: string, email: string): Promise<void> {
  const s = await getIronSession<Pending>(await cookies(), pendingOptions());
  s.userId = userId;
  s.email = email;
  s.until = Date.now() + PENDING_TTL_SECONDS * 1000;
  await s.save();
}

/** The parked identity, if still fresh. */
export async function pendingOidcSignIn(): Promise<{ userId: string; email: string } | null> {
  const s = await getIronSession<Pending>(await cookies(), pendingOptions());
  if (!s.userId || !s.email || !s.until || s.until < Date.now()) return null;
  return { userId: s.userId, email: s.email };
}

export async function clearPendingOidcSignIn(): Promise<void> {
  (await getIronSession<Pending>(await cookies(), pendingOptions())).destroy();
}
