// `npm run keys:rotate`: re-wrap every stored key under KEYDESK_MASTER_KEY_CURRENT.
// Safe to interrupt and rerun. In development it uses the embedded database.
import path from "node:path";
import { existsSync } from "node:fs";

async function main() {
  const root = path.resolve(__dirname, "..", "..");
  for (const file of [".env.local", ".env"]) if (existsSync(path.join(root, file))) process.loadEnvFile(path.join(root, file));
  const { readRawEnv, useSettings } = await import("@/lib/env");
  let stop: (() => Promise<void>) | undefined;
  if (!readRawEnv().DATABASE_URL) {
    const { startEmbeddedPostgres } = await import("@/lib/dev/embedded-postgres");
    const embedded = await startEmbeddedPostgres({ rootDir: root, port: Number(readRawEnv().KEYDESK_EMBEDDED_PG_PORT ?? 54329), database: "keydesk", log: console.log });
    useSettings({ DATABASE_URL: embedded.url });
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
  console.log(result.remaining === 0 ? `Done: every key uses ${keyring.current}. Older versions can now be removed from KEYDESK_MASTER_KEYS.` : `Stopped with ${result.remaining} key(s) remaining; run again.`);
  await disconnectDb();
  await stop?.();
  process.exit(result.remaining === 0 ? 0 : 1);
}

main().catch((err: unknown) => {
  console.error(`keys:rotate failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
