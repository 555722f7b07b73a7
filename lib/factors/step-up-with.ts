// Step-up with a secret typed again: the password, or (for an account without one, signed in
// through single sign-on) a two-factor code. An account that turned its password off for
// passkeys steps up with a passkey only (lib/passkeys/step-up.ts), never with a code. Each check takes a per-user limiter point first,
// refunded when it is right, so a parallel burst guesses no more than a serial one. A refused
// attempt throws AppError("rate_limited") with its own message; the action guard shows it
// with the request id.
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/sessions/session";
import { verifyPassword } from "@/lib/factors/password";
import { grantStepUp, stepUpSecondsLeft } from "@/lib/factors/step-up";
import { takeStepUpAttempt } from "@/lib/factors/sign-in-limiter";
import { verifySecondFactor } from "@/lib/factors/totp";
import { recordAudit } from "@/lib/audit/record";

/** True when the secret is right for this user (password; or a code when the account has no password). */
export async function checkStepUpSecret(userId: string, secret: string): Promise<boolean> {
  const row = await db.user.findUnique({
    where: { id: userId },
    select: { passwordHash: true, totpEnabledAt: true, passwordOffAt: true },
  });
  if (!row) return false;
  if (row.passwordHash) return verifyPassword(row.passwordHash, secret);
  if (row.passwordOffAt) return false;
  if (row.totpEnabledAt) return verifySecondFactor(userId, secret);
  return false;
}

/** A correct secret (when given) grants step-up for 10 minutes; without one, a live step-up counts. */
export async function stepUpWith(user: CurrentUser, password: string | undefined): Promise<boolean | "wrong"> {
  if (password) {
    const attempt = await takeStepUpAttempt(user.id);
    if (!attempt.ok) {
      throw new AppError("rate_limited", "auth.stepUpLimited", { values: { seconds: attempt.retryAfterSeconds } });
    }
    if (!(await checkStepUpSecret(user.id, password))) {
      await recordAudit({ actorId: user.id, action: "auth.step_up", outcome: "failure" });
      return "wrong";
    }
    await attempt.refund();
    await grantStepUp(user);
    return true;
  }
  return (await stepUpSecondsLeft(user)) > 0;
}
