// A registered user for integration tests, as the lib/ functions receive it. Fixture users are
// stored as registerUser stores them (the row and its sign-up audit event), with a password
// hash made once per process at a cheap argon2id cost: verifyPassword reads the cost from the
// hash, so signing them in and stepping up still checks the real password, without the
// production cost (19 MiB, t=2) per user and per check on a busy machine. Sign-up itself is
// tested through registerUser (tests/integration/auth/sign-up-sign-in.test.ts).
import { hash } from "@node-rs/argon2";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { passwordProblems } from "@/lib/factors/password";
import type { CurrentUser } from "@/lib/sessions/session";
import { randomEmail } from "./random";

export const TEST_PASSWORD = "a long enough passphrase";

/** Argon2id at its smallest sensible cost: a fixture's hash, never a real account's. */
const FIXTURE_ARGON2 = { algorithm: 2, memoryCost: 1_024, timeCost: 1, parallelism: 1 } as const;
const hashes = new Map<string, Promise<string>>();

function fixtureHash(password: string): Promise<string> {
  let h = hashes.get(password);
  if (!h) hashes.set(password, (h = hash(password, FIXTURE_ARGON2)));
  return h;
}

export async function newTestUser(prefix = "user", password = TEST_PASSWORD): Promise<CurrentUser> {
  const email = randomEmail(prefix);
  const problems = passwordProblems(password, email);
  if (problems.length) throw new Error(`test user setup failed: ${JSON.stringify(problems)}`);
  const user = await db.user.create({ data: { email, passwordHash: await fixtureHash(password), name: null } });
  await recordAudit({ actorId: user.id, action: "auth.sign_up", outcome: "success" });
  return { id: user.id, email, name: null, sessionId: "s" };
}
