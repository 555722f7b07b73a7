// Password rules and hashing (argon2id via @node-rs/argon2). Hashes only; plaintext
// passwords never leave this module's callers' stack frames.
import "server-only";
import { hash, verify } from "@node-rs/argon2";
export { passwordProblems } from "./password-rules";

// Algorithm 2 = argon2id; OWASP's second recommended profile (19 MiB, t=2, p=1).
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A fixed hash so that unknown e-mails cost as much time as known ones (no timing oracle).
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("keydesk-dummy-password-for-timing");
  await verifyPassword(await dummyHash, password);
}
