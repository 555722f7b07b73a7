// `npm run keys:rotate`: re-wrap every stored key under KEYDESK_MASTER_KEY_CURRENT.
// Safe to interrupt and rerun. In development it uses the embedded database.
import { applySettings } from "@/lib/env";
import { runProgram } from "./program";

runProgram({ name: "keys:rotate", envFiles: true }, async ({ root, settings }) => {
  // The modules below are imported once the .env files are read and the database is known.
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
  const batchSize = Number(/--batch-size[= ](\d+)/.exec(process.argv.join(" "))?.[1] ?? 100);
  const { rotateKeys, countKeysNeedingRotation } = await import("@/lib/keys/rotate");
  const { getKeyring } = await import("@/lib/crypto/instance");
  const { disconnectDb } = await import("@/lib/db");
  const keyring = getKeyring();
  const total = await countKeysNeedingRotation(keyring);
  console.log(`Re-wrapping ${total} key(s) to master key ${keyring.current} in batches of ${batchSize}…`);
  const result = await rotateKeys({
    keyring,
    batchSize,
    onProgress: (p) => console.log(`  ${p.done} re-wrapped, ${p.remaining} remaining`),
  });
  console.log(
    result.remaining === 0
      ? `Done: every key uses ${keyring.current}. Older versions can now be removed from KEYDESK_MASTER_KEYS.`
      : `Stopped with ${result.remaining} key(s) remaining; run again.`,
  );
  await disconnectDb();
  await stop?.();
  process.exit(result.remaining === 0 ? 0 : 1);
});
