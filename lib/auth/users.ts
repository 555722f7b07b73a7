// Account creation. Enforces the password rules and stores only an argon2id hash.
import "server-only";
import { db } from "@/lib/db";
import { hashPassword, passwordProblems } from "@/lib/auth/password";
import { recordAudit } from "@/lib/audit/record";
import { Prisma } from "@/lib/generated/prisma/client";

export type RegisterResult =
  | { ok: true; userId: string }
  | { ok: false; fields: { email?: string[]; password?: string[] } };

export async function registerUser(input: { email: string; password: string; name?: string }): Promise<RegisterResult> {
  const email = input.email.trim().toLowerCase();
  const problems = passwordProblems(input.password, email);
  if (problems.length) return { ok: false, fields: { password: problems } };
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.user.create({ data: { email, passwordHash, name: input.name?.trim() || null } });
    await recordAudit({ actorId: user.id, action: "auth.sign_up", outcome: "success" });
    return { ok: true, userId: user.id };
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      return { ok: false, fields: { email: ["An account with this e-mail already exists. Sign in instead."] } };
    }
    throw err;
  }
}
