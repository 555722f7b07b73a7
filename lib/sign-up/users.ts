// Account creation. Enforces the password rules and stores only an argon2id hash.
import "server-only";
import { db } from "@/lib/db";
import { hashPassword, passwordProblems } from "@/lib/factors/password";
import { recordAudit } from "@/lib/audit/record";
import { Prisma } from "@/lib/generated/prisma/client";
import type { MessageKey } from "@/lib/i18n/messages";

export type RegisterResult =
  { ok: true; userId: string } | { ok: false; fields: { email?: string[]; password?: string[] }; notFirst?: true };

// Any constant: the lock that makes "the first person signs up" hold for one person only.
const FIRST_USER_LOCK = 7_315_001;

/**
 * Creates the account. With `onlyIfFirst`, only while no account exists, decided under a
 * transaction-scoped advisory lock so two simultaneous first sign-ups cannot both win.
 */
export async function registerUser(
  input: { email: string; password: string; name?: string },
  opts: { onlyIfFirst?: boolean } = {},
): Promise<RegisterResult> {
  const email = input.email.trim().toLowerCase();
  const problems = passwordProblems(input.password, email);
  if (problems.length) return { ok: false, fields: { password: problems } };
  const passwordHash = await hashPassword(input.password);
  const data = { email, passwordHash, name: input.name?.trim() || null };
  try {
    const user = opts.onlyIfFirst
      ? await db.$transaction(async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(${FIRST_USER_LOCK})`;
          if ((await tx.user.count()) > 0) return null;
          return tx.user.create({ data });
        })
      : await db.user.create({ data });
    if (!user) return { ok: false, fields: {}, notFirst: true };
    await recordAudit({
      actorId: user.id,
      action: "auth.sign_up",
      outcome: "success",
      detail: opts.onlyIfFirst ? { firstUser: true } : undefined,
    });
    return { ok: true, userId: user.id };
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      return { ok: false, fields: { email: ["error.emailTaken" satisfies MessageKey] } };
    }
    throw err;
  }
}
