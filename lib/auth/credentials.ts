// Checks an e-mail + password pair, with failed attempts limited per account and per IP.
// Unknown e-mails cost the same time as wrong passwords, so the answer reveals nothing.
import "server-only";
import { db } from "@/lib/db";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password";
import { clearFailedSignIns, recordFailedSignIn, secondsUntilSignInAllowed } from "@/lib/auth/sign-in-limiter";
import { recordAudit } from "@/lib/audit/record";
import { verifySecondFactor } from "@/lib/auth/totp";

export type CredentialCheck =
  | { ok: true; user: { id: string; email: string; name: string | null } }
  | { ok: false; reason: "invalid_credentials" | "totp_required" | "totp_invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

export async function checkCredentials(emailInput: string, password: string, ip: string, code?: string): Promise<CredentialCheck> {
  const email = emailInput.trim().toLowerCase();
  const wait = await secondsUntilSignInAllowed(email, ip);
  if (wait > 0) return { ok: false, reason: "rate_limited", retryAfterSeconds: wait };
  const user = await db.user.findUnique({ where: { email } });
  let valid = false;
  if (user?.passwordHash) valid = await verifyPassword(user.passwordHash, password);
  else await burnPasswordCheck(password);
  if (!user || !valid) {
    await recordFailedSignIn(email, ip);
    await recordAudit({ actorId: user?.id ?? null, action: "auth.sign_in", outcome: "failure", detail: { ip } });
    return { ok: false, reason: "invalid_credentials" };
  }
  // Two-factor: the password alone is not enough once TOTP is on. A wrong code counts as a
  // failed attempt, so codes can't be guessed faster than passwords.
  if (user.totpEnabledAt) {
    if (!code?.trim()) return { ok: false, reason: "totp_required" };
    if (!(await verifySecondFactor(user.id, code))) {
      await recordFailedSignIn(email, ip);
      await recordAudit({ actorId: user.id, action: "auth.sign_in", outcome: "failure", detail: { ip, factor: "totp" } });
      return { ok: false, reason: "totp_invalid" };
    }
  }
  await clearFailedSignIns(email);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
