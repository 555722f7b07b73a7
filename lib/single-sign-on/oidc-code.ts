// The second step of a single sign-on into an account with two-factor sign-in: the code,
// checked against the identity parked by lib/single-sign-on/oidc.ts, limited like a password sign-in
// (the code limits: per device or e-mail and IP, point taken before the check, refunded when right).
import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { takeSignInCodeAttempt } from "@/lib/factors/sign-in-limiter";
import { deviceFor } from "@/lib/factors/device-token";
import { verifySecondFactor } from "@/lib/factors/totp";
import { clearPendingOidcSignIn, pendingOidcSignIn } from "@/lib/single-sign-on/oidc";

export type OidcCodeCheck =
  | { ok: true; user: { id: string; email: string; name: string | null }; knownDevice: boolean }
  | { ok: false; reason: "oidc_code_expired" | "totp_invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

export async function checkOidcCode(code: string, ip: string, deviceCookie?: string | null): Promise<OidcCodeCheck> {
  const pending = await pendingOidcSignIn();
  if (!pending) return { ok: false, reason: "oidc_code_expired" };
  const deviceId = deviceFor(deviceCookie, pending.email);
  const attempt = await takeSignInCodeAttempt(pending.email, ip, deviceId);
  if (!attempt.ok) return { ok: false, reason: "rate_limited", retryAfterSeconds: attempt.retryAfterSeconds };
  const user = await db.user.findUnique({
    where: { id: pending.userId },
    select: { id: true, email: true, name: true, totpEnabledAt: true },
  });
  if (!user) return { ok: false, reason: "oidc_code_expired" };
  if (user.totpEnabledAt && !(await verifySecondFactor(user.id, code))) {
    await recordAudit({
      actorId: user.id,
      action: "auth.sign_in",
      outcome: "failure",
      detail: { ip, factor: "totp", provider: "oidc" },
    });
    return { ok: false, reason: "totp_invalid" };
  }
  await attempt.refund();
  await clearPendingOidcSignIn();
  return { ok: true, user: { id: user.id, email: user.email, name: user.name }, knownDevice: Boolean(deviceId) };
}
