// A registered user for integration tests, as the lib/ functions receive it.
import { registerUser } from "@/lib/auth/users";
import type { CurrentUser } from "@/lib/sessions/session";
import { randomEmail } from "./random";

export const TEST_PASSWORD = "a long enough passphrase";

export async function newTestUser(prefix = "user", password = TEST_PASSWORD): Promise<CurrentUser> {
  const email = randomEmail(prefix);
  const r = await registerUser({ email, password });
  if (!r.ok) throw new Error(`test user setup failed: ${JSON.stringify(r.fields)}`);
  return { id: r.userId, email, name: null, sessionId: "s" };
}
