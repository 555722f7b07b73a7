// Checks an e-mail + password (+ code) at sign-in. A limiter point is taken BEFORE anything
// secret is checked and refunded only when the whole check succeeds (or the password was right
// and the code is still to come), so parallel guesses cost what serial ones do. Unknown
// e-mails cost the same time as wrong passwords, so the answer reveals nothing.
import "server-only";
import { db } from "@/lib/db";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password";
import { clearSignInPair, takeSignInAttempt } from "@/lib/auth/sign-in-limiter";
import { recordAudit } from "@/lib/audit/record";
import { verifySecondFactor } from "@/lib/auth/totp";

export type CredentialCheck =
  | { ok: true; user: { id: string; email: string; name: string | null } }
  | { ok: false; reason: "invalid_credentials" | "totp_required" | "totp_invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

export async function checkCredentials(
  emailInput: string,
  password: string,
  ip: string,
  code?: string,
): Promise<CredentialCheck> {
  const email = emailInput.trim().toLowerCase();
  const attempt = await takeSignInAttempt(email, ip);
  // Refused before any work: no hash, no database row, no audit write (a flood costs nothing).
  if (!attempt.ok) return { ok: false, reason: "rate_limited", retryAfterSeconds: attempt.retryAfterSeconds };
  const user = await db.user.findUnique({ where: { email } });
  let valid = false;
  if (user?.passwordHash) valid = await verifyPassword(user.passwordHash, password);
  else await burnPasswordCheck(password);
  if (!user || !valid) {
    await recordAudit({ actorId: user?.id ?? null, action: "auth.sign_in", outcome: "failure", detail: { ip } });
    return { ok: false, reason: "invalid_credentials" };
  }
  // Two-factor: the password alone is not enough once TOTP is on. The right password without a
  // code guessed nothing, so its point comes back; a code that is checked keeps its point unless right.
  if (user.totpEnabledAt) {
    if (!code?.trim()) {
      await attempt.refund();
      return { ok: false, reason: "totp_required" };
    }
    if (!(await verifySecondFactor(user.id, code))) {
      await recordAudit({
        actorId: user.id,
        action: "auth.sign_in",
        outcome: "failure",
        detail: { ip, factor: "totp" },
      });
      return { ok: false, reason: "totp_invalid" };
    }
  }
  await attempt.refund();
  await clearSignInPair(email, ip);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
