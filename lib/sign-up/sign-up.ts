// Sign-up as the visitor meets it: the rule (KEYDESK_SIGNUP), a per-IP limit taken before the
// password is hashed (so each try costs the attacker a point for the server's hash), and one
// answer whether or not the e-mail already has an account (no enumeration: the same state,
// the same redirect; the existing account is left untouched).
import "server-only";
import { passwordProblems } from "@/lib/factors/password";
import { registerUser } from "@/lib/sign-up/users";
import { takeSignUpAttempt } from "@/lib/factors/sign-in-limiter";
import { currentSignUpMode, mayCreateAccount } from "@/lib/sign-up/sign-up-policy";
import { authTranslator } from "@/lib/i18n/server";
import { logger } from "@/lib/log";
import { sendVerificationLink } from "@/lib/mail/verification";
import { mailConfigured, sendMail } from "@/lib/mail";

/** `created` (never shown as such: the visitor gets the same answer either way) says whether this request made the account. */
export type SignUpResult =
  | { ok: true; created: false }
  | { ok: true; created: true; userId: string }
  | { ok: false; fields: { email?: string[]; password?: string[] } }
  | { ok: false; message: string };

const REFUSAL = {
  closed: "auth.signUpClosed",
  invite_only: "auth.signUpInviteOnly",
  invite_invalid: "auth.signUpInviteInvalid",
  invite_other_email: "auth.signUpInviteOtherEmail",
} as const;

export async function signUp(
  input: { email: string; password: string; name?: string },
  ctx: { ip: string; inviteToken: string | null },
): Promise<SignUpResult> {
  const t = await authTranslator();
  const email = input.email.trim().toLowerCase();
  const mode = await currentSignUpMode();
  const permission = await mayCreateAccount(mode, email, ctx.inviteToken);
  if (!permission.ok) return { ok: false, message: t(REFUSAL[permission.reason]) };
  // Cheap checks first: a weak password costs neither side a hash (and says nothing about the e-mail).
  const problems = passwordProblems(input.password, email, t);
  if (problems.length) return { ok: false, fields: { password: problems } };
  const attempt = await takeSignUpAttempt(ctx.ip);
  if (!attempt.ok) return { ok: false, message: t("auth.signUpLimited", { seconds: attempt.retryAfterSeconds }) };
  const result = await registerUser({ ...input, email }, { onlyIfFirst: permission.first });
  if (result.ok) {
    // With SMTP set, the address is confirmed by a mailed link before it can accept invitations.
    await sendVerificationLink(result.userId);
    return { ok: true, created: true, userId: result.userId };
  }
  if (result.notFirst) return { ok: false, message: t("auth.signUpInviteOnly") };
  if (result.fields.email) {
    // Already registered: the same answer as a new account. The owner is not told here.
    // With SMTP set, a mail goes out here too (to the owner), so the answer takes as long as a new account's.
    logger.info({ signUp: "existing_email" }, "sign-up for an existing e-mail answered like a new one");
    if (mailConfigured()) {
      await sendMail(
        email,
        "Someone tried to create a Keydesk account with your address",
        "Your address already has a Keydesk account, so nothing was changed. If this was you, sign in instead: your password still works. If it was not you, you can ignore this message.",
      );
    }
    return { ok: true, created: false };
  }
  return { ok: false, fields: result.fields };
}
