// Changes to a person's sign-in methods, each after step-up and each audited: removing a
// passkey (only one's own; anyone else's is not_found), turning the password off (with at least
// PASSWORDLESS_MIN_PASSKEYS passkeys, and a step-up made with a passkey, so one is known to
// work here) and setting a password again. A passwordless account never drops below that many
// passkeys: losing one must still leave a way in.
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import type { CurrentUser } from "@/lib/sessions/session";
import { hashPassword, passwordProblems } from "@/lib/factors/password";
import { alertPasskeyRemoved, alertPasswordOff } from "@/lib/alerts/passkeys";
import type { Translate } from "@/lib/i18n";
import { PASSWORDLESS_MIN_PASSKEYS } from "./store";

export type ManageRefusal = "needs_step_up" | "needs_passkey_step_up" | "keep_two" | "too_few" | "no_password";

export async function removePasskeyForUser(
  user: CurrentUser,
  passkeyId: string,
  steppedUp: boolean,
): Promise<{ ok: true; name: string } | { ok: false; reason: ManageRefusal }> {
  const row = await db.passkey.findFirst({
    where: { id: passkeyId, userId: user.id },
    select: { id: true, name: true },
  });
  if (!row) throw new AppError("not_found", "error.passkeyNotFound");
  if (!steppedUp) return { ok: false, reason: "needs_step_up" };
  // Counted and deleted in one transaction, under the account's row lock: two removals at
  // once cannot take a passwordless account below its minimum.
  const removed = await db.$transaction(async (tx) => {
    const [account] = await tx.$queryRaw<{ passwordOffAt: Date | null }[]>`
      SELECT "passwordOffAt" FROM "User" WHERE id = ${user.id} FOR UPDATE`;
    if (account?.passwordOffAt && (await tx.passkey.count({ where: { userId: user.id } })) <= PASSWORDLESS_MIN_PASSKEYS)
      return false;
    await tx.passkey.delete({ where: { id: row.id } });
    return true;
  });
  if (!removed) return { ok: false, reason: "keep_two" };
  await recordAudit({
    actorId: user.id,
    action: "auth.passkey_removed",
    outcome: "success",
    detail: { passkey: row.name },
  });
  await alertPasskeyRemoved(user.id, row.name);
  return { ok: true, name: row.name };
}

export async function turnPasswordOff(
  user: CurrentUser,
  passkeyStepUp: boolean,
): Promise<{ ok: true } | { ok: false; reason: ManageRefusal }> {
  if (!passkeyStepUp) return { ok: false, reason: "needs_passkey_step_up" };
  const changed = await db.$transaction(async (tx) => {
    const [account] = await tx.$queryRaw<{ passwordHash: string | null }[]>`
      SELECT "passwordHash" FROM "User" WHERE id = ${user.id} FOR UPDATE`;
    if (!account?.passwordHash) return "no_password" as const;
    if ((await tx.passkey.count({ where: { userId: user.id } })) < PASSWORDLESS_MIN_PASSKEYS) return "too_few" as const;
    await tx.user.update({ where: { id: user.id }, data: { passwordHash: null, passwordOffAt: new Date() } });
    return "ok" as const;
  });
  if (changed !== "ok") return { ok: false, reason: changed };
  await recordAudit({ actorId: user.id, action: "auth.password_off", outcome: "success" });
  await alertPasswordOff(user.id);
  return { ok: true };
}

/** A passwordless account sets a password again (then it may remove passkeys freely, and sign in with it). */
export async function setPasswordAgain(
  user: CurrentUser,
  password: string,
  steppedUp: boolean,
  t?: Translate,
): Promise<{ ok: true } | { ok: false; reason: ManageRefusal } | { ok: false; reason: "weak"; problems: string[] }> {
  if (!steppedUp) return { ok: false, reason: "needs_step_up" };
  const problems = passwordProblems(password, user.email, t);
  if (problems.length) return { ok: false, reason: "weak", problems };
  const passwordHash = await hashPassword(password);
  const changed = await db.user.updateMany({
    where: { id: user.id, passwordOffAt: { not: null } },
    data: { passwordHash, passwordOffAt: null },
  });
  if (changed.count !== 1) return { ok: false, reason: "no_password" };
  await recordAudit({ actorId: user.id, action: "auth.password_on", outcome: "success" });
  return { ok: true };
}
