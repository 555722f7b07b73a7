// E-mail verification for password accounts, only when SMTP is set: a single-use link that
// expires after 24 hours (only its SHA-256 is stored). Until it is opened, the account cannot
// accept an invitation: an invitation is proof of an address only if the address is proven.
// Accounts from single sign-on are verified by their provider (email_verified: true).
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { mailConfigured, sendMail } from "@/lib/mail";
import { recordAudit } from "@/lib/audit/record";

export const VERIFICATION_TTL_MS = 24 * 60 * 60 * 1000;
const hash = (token: string) => createHash("sha256").update(`keydesk-verify:${token}`).digest("hex");

function origin(): string {
  const env = getEnv();
  return (env.KEYDESK_PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
}

/** Mails a fresh verification link (earlier unused links stop working). False when no mail was sent. */
export async function sendVerificationLink(userId: string): Promise<boolean> {
  if (!mailConfigured()) return false;
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, emailVerifiedAt: true } });
  if (!user || user.emailVerifiedAt) return false;
  const token = randomBytes(32).toString("base64url");
  await db.$transaction([
    db.emailVerification.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } }),
    db.emailVerification.create({
      data: { userId, tokenHash: hash(token), expiresAt: new Date(Date.now() + VERIFICATION_TTL_MS) },
    }),
  ]);
  return sendMail(
    user.email,
    "Confirm your e-mail address for Keydesk",
    [
      "Someone (hopefully you) created a Keydesk account with this e-mail address.",
      "",
      `Confirm it here: ${origin()}/verify-email/${token}`,
      "",
      "The link works once and expires in 24 hours. If you did not create the account, ignore this message.",
    ].join("\n"),
  );
}

export type VerifyResult = "verified" | "invalid" | "expired" | "used";

/** Opens a link: single use, claimed atomically. */
export async function verifyEmailToken(token: string): Promise<VerifyResult> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return "invalid";
  const row = await db.emailVerification.findUnique({
    where: { tokenHash: hash(token) },
    select: { id: true, userId: true, expiresAt: true, usedAt: true },
  });
  if (!row) return "invalid";
  if (row.usedAt) return "used";
  if (row.expiresAt <= new Date()) return "expired";
  const claimed = await db.emailVerification.updateMany({
    where: { id: row.id, usedAt: null },
    data: { usedAt: new Date() },
  });
  if (claimed.count !== 1) return "used";
  await db.user.update({ where: { id: row.userId }, data: { emailVerifiedAt: new Date() } });
  await recordAudit({ actorId: row.userId, action: "auth.email_verified", outcome: "success" });
  return "verified";
}

/** Whether this account still owes its e-mail verification (only ever with SMTP set, and only password accounts). */
export async function needsEmailVerification(userId: string): Promise<boolean> {
  if (!mailConfigured()) return false;
  const u = await db.user.findUnique({
    where: { id: userId },
    select: { passwordHash: true, passwordOffAt: true, emailVerifiedAt: true },
  });
  // A password turned off for passkeys still owes its address: it was a password account.
  return Boolean((u?.passwordHash || u?.passwordOffAt) && !u.emailVerifiedAt);
}

/** For accepting invitations: throws the refusal with its own message. */
export async function requireVerifiedEmail(userId: string): Promise<void> {
  if (await needsEmailVerification(userId)) throw new AppError("forbidden", "auth.emailNotVerified");
}
