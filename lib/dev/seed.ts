// Demo data for the embedded defaults: a demo user whose password is printed once here.
// Idempotent: an existing demo user is left alone. Never runs in production.
import { db, disconnectDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { registerUser } from "@/lib/auth/users";

export const DEMO_EMAIL = "demo@keydesk.local";
export const DEMO_PASSWORD = "demo-keydesk-password";

async function main() {
  if (getEnv().NODE_ENV === "production") throw new Error("Refusing to seed demo data in production.");
  const existing = await db.user.findUnique({ where: { email: DEMO_EMAIL } });
  if (!existing) {
    const result = await registerUser({ email: DEMO_EMAIL, password: DEMO_PASSWORD, name: "Demo user" });
    if (!result.ok) throw new Error("Could not create the demo user.");
  }
  console.log(`[keydesk] Demo sign-in: ${DEMO_EMAIL} / ${DEMO_PASSWORD}`);
}

main()
  .then(() => disconnectDb())
  .catch(async (err: unknown) => {
    console.error(`[keydesk] Seeding failed: ${err instanceof Error ? err.message : String(err)}`);
    await disconnectDb();
    process.exit(1);
  });
