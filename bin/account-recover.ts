// `npm run account:recover -- --email person@example.com`: lets someone back in who lost every
// passkey of a passwordless account, or forgot their password (Keydesk mails no reset links).
// Prints a one-time password for the operator to hand over in person; the account's sessions
// are signed out and its owner is alerted. In development it uses the embedded database.
import { applySettings } from "@/lib/env";
import { StartupError } from "@/lib/dev/startup-error";
import { runProgram } from "./program";

runProgram({ name: "account:recover", envFiles: true }, async ({ root, settings, arg }) => {
  const email = arg("email");
  if (!email || !email.includes("@"))
    throw new StartupError("no account named", "run npm run account:recover -- --email person@example.com");
  let stop: (() => Promise<void>) | undefined;
  if (!settings.DATABASE_URL) {
    const { startEmbeddedPostgres } = await import("@/lib/dev/embedded-postgres");
    const embedded = await startEmbeddedPostgres({
      rootDir: root,
      port: settings.KEYDESK_EMBEDDED_PG_PORT,
      database: "keydesk",
      log: console.log,
    });
    applySettings({ DATABASE_URL: embedded.url });
    stop = embedded.stop;
  }
  const { recoverAccount } = await import("@/lib/passkeys/recover");
  const { disconnectDb } = await import("@/lib/db");
  const { stopBoss } = await import("@/lib/alerts/queue");
  const result = await recoverAccount(email);
  await stopBoss().catch(() => undefined);
  await disconnectDb();
  await stop?.();
  if (!result.ok) throw new StartupError(`there is no account for ${email}`, "check the address (any case)");
  console.log(
    [
      `One-time password for ${email}: ${result.password}`,
      `Hand it over in person. ${result.sessionsEnded} session(s) were signed out; the account keeps its ${result.passkeys} passkey(s).`,
      "After signing in, they remove lost passkeys in Settings and may turn the password off again once they have two.",
    ].join("\n"),
  );
  process.exit(0);
});
