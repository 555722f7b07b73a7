import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session";
import { verifyPassword } from "@/lib/auth/password";
import { grantStepUp, stepUpSecondsLeft } from "@/lib/auth/step-up";

/** A correct password (when given) grants step-up for 10 minutes; without one, a live step-up counts. */
export async function stepUpWith(user: CurrentUser, password: string | undefined): Promise<boolean | "wrong"> {
  if (password) {
    const row = await db.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
    if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, password))) return "wrong";
    await grantStepUp(user);
    return true;
  }
  return (await stepUpSecondsLeft(user)) > 0;
}
