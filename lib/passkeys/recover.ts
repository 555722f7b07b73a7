// The operator's road back into an account whose person lost the way in (every passkey of a
// passwordless account, or a forgotten password: Keydesk mails no reset links). Contract: a
// fresh random password is set (shown once to the operator, stored only as its argon2id hash),
// the password is on again, every session of the account is signed out, and the change is
// audited and alerts the owner. Passkeys stay: the person removes lost ones after signing in.
import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/factors/password";
import { recordAudit } from "@/lib/audit/record";
import { raiseEvent, raiseQuietly } from "@/lib/alerts/raise";

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/** 24 characters from a 32-letter alphabet (120 bits), in groups of four for reading aloud. */
function oneTimePassword(): string {
  const chars = Array.from(randomBytes(24), (b) => ALPHABET[b % 32]).join("");
  return chars.match(/.{4}/g)!.join("-");
}

type Recovery =
  { ok: true; password: string; sessionsEnded: number; passkeys: number } | { ok: false; reason: "no_account" };

export async function recoverAccount(emailInput: string): Promise<Recovery> {
  const email = emailInput.trim().toLowerCase();
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) return { ok: false, reason: "no_account" };
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const [, ended, passkeys] = await db.$transaction([
    db.user.update({ where: { id: user.id }, data: { passwordHash, passwordOffAt: null } }),
    db.userSession.updateMany({ where: { userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } }),
    db.passkey.count({ where: { userId: user.id } }),
  ]);
  await recordAudit({
    actorId: user.id,
    action: "auth.password_reset",
    outcome: "success",
    detail: { by: "operator" },
  });
  await raiseQuietly(() => raiseEvent([user.id], "password_reset"));
  return { ok: true, password, sessionsEnded: ended.count, passkeys };
}
