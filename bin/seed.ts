// Demo data for the embedded defaults: a demo user (password printed here) holding the
// simulator's demo keys, added through the normal vault path (so they are encrypted and
// verified like any other). Idempotent. Never runs in production.
import { db, disconnectDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { registerUser } from "@/lib/sign-up/users";
import { addKeyForUser } from "@/lib/keys/add-key";
import { runProgram } from "./program";

const DEMO_EMAIL = "demo@keydesk.local";
const DEMO_PASSWORD = "keydesk-showcase-passphrase";

const DEMO_KEYS: { name: string; label: string; confirmation?: string }[] = [
  { name: "demo-small", label: "Demo: small account (Read)" },
  { name: "demo-busy", label: "Demo: busy account, 50,000 orders (Read)" },
  { name: "demo-trade", label: "Demo: Read + Trade" },
  { name: "demo-all", label: "Demo: Read + Trade + Withdraw", confirmation: "WITHDRAW" },
];

runProgram({ name: "keydesk", hint: "seeding the demo data failed" }, async () => {
  const env = getEnv();
  if (env.NODE_ENV === "production") throw new Error("Refusing to seed demo data in production.");
  let user = await db.user.findUnique({ where: { email: DEMO_EMAIL } });
  if (!user) {
    const result = await registerUser({ email: DEMO_EMAIL, password: DEMO_PASSWORD, name: "Demo user" });
    if (!result.ok) throw new Error(`Could not create the demo user: ${JSON.stringify(result.fields)}`);
    user = await db.user.findUniqueOrThrow({ where: { email: DEMO_EMAIL } });
  }
  if (env.SIMULATOR_CONTROL_URL) {
    const res = await fetch(`${env.SIMULATOR_CONTROL_URL}/demo-keys`);
    const { keys } = (await res.json()) as { keys: Record<string, { key: string }> };
    const current = { id: user.id, email: user.email, name: user.name, sessionId: "seed" };
    for (const demo of DEMO_KEYS) {
      const key = keys[demo.name]?.key;
      if (!key) continue;
      const r = await addKeyForUser(
        { user: current, steppedUp: true, demoSeed: true },
        { label: demo.label, key, confirmation: demo.confirmation },
      );
      if (!r.ok && r.code !== "duplicate") console.warn(`[keydesk] demo key ${demo.name} not added: ${r.message}`);
    }
  }
  console.log(`[keydesk] Demo sign-in: ${DEMO_EMAIL} / ${DEMO_PASSWORD}`);
  await disconnectDb();
});
