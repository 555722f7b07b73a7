// Checks an e-mail + password (+ code) at sign-in. A limiter point is taken BEFORE anything
// secret is checked and refunded only when the whole check succeeds (or the password was right
// and the code is still to come), so parallel guesses cost what serial ones do. A valid device
// token for the account (./device-token.ts) puts the attempt on its device's own limit, so the
// owner's known browser is never locked out by others. Unknown e-mails cost the same time as
// wrong passwords, so the answer reveals nothing.
import "server-only";
import { db } from "@/lib/db";
import { burnPasswordCheck, verifyPassword } from "@/lib/factors/password";
import { clearSignInPair, takeSignInAttempt, takeSignInCodeAttempt } from "@/lib/factors/sign-in-limiter";
import { recordAudit } from "@/lib/audit/record";
import { verifySecondFactor } from "@/lib/factors/totp";
import { deviceFor } from "@/lib/factors/device-token";

export type CredentialCheck =
  | { ok: true; user: { id: string; email: string; name: string | null }; knownDevice: boolean }
  | { ok: false; reason: "invalid_credentials" | "totp_required" | "totp_invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

export async function checkCredentials(
  emailInput: string,
  password: string,
  ip: string,
  code?: string,
  deviceCookie?: string | null,
): Promise<CredentialCheck> {
  const email = emailInput.trim().toLowerCase();
  const deviceId = deviceFor(deviceCookie, email);
  const attempt = await takeSignInAttempt(email, ip, deviceId);
  // Refused before any work: no hash, no database row, no audit write (a flood costs nothing).
  if (!attempt.ok) return { ok: false, reason: "rate_limited", retryAfterSeconds: attempt.retryAfterSeconds };
  const user = await db.user.findUnique({ where: { email } });
  let valid = false;
  if (user?.passwordHash) valid = await verifyPassword(user.passwordHash, password);
  else await burnPasswordCheck(password);
  if (!user || !valid) {
    await recordAudit({
      actorId: user?.id ?? null,
      action: "auth.sign_in",
      outcome: "failure",
      detail: { ip, knownDevice: Boolean(deviceId) },
    });
    return { ok: false, reason: "invalid_credentials" };
  }
  // The right password guessed nothing: its point comes back whatever the code step says.
  await attempt.refund();
  // Two-factor: the password alone is not enough once TOTP is on. A code that is checked takes a
  // point of the code limits (their own, shaped like the password's) and keeps it unless right.
  if (user.totpEnabledAt) {
    if (!code?.trim()) return { ok: false, reason: "totp_required" };
    const codeAttempt = await takeSignInCodeAttempt(email, ip, deviceId);
    if (!codeAttempt.ok) return { ok: false, reason: "rate_limited", retryAfterSeconds: codeAttempt.retryAfterSeconds };
    if (!(await verifySecondFactor(user.id, code))) {
      await recordAudit({
        actorId: user.id,
        action: "auth.sign_in",
        outcome: "failure",
        detail: { ip, factor: "totp", knownDevice: Boolean(deviceId) },
      });
      return { ok: false, reason: "totp_invalid" };
    }
    await codeAttempt.refund();
  }
  await clearSignInPair(email, ip, deviceId);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name }, knownDevice: Boolean(deviceId) };
}
