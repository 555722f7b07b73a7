// `npm run restore -- FILE [--force]`: loads a dump made by `npm run backup` into DATABASE_URL's
// database, which must be empty (with --force its contents are replaced), then checks that every
// stored key opens with the configured keyring: "N of N keys readable", or the missing versions.
// Exit 0 only when every key is readable.
import path from "node:path";
import { applySettings } from "@/lib/env";
import { StartupError } from "@/lib/dev/startup-error";
import { runProgram } from "./program";

runProgram({ name: "restore", envFiles: true }, async ({ root, settings, flag, log }) => {
  const file = process.argv.slice(2).find((a) => !a.startsWith("--"));
  if (!file) throw new StartupError("no dump file given", "run npm run restore -- backups/keydesk-<time>.dump");
  let stop: (() => Promise<void>) | undefined;
  if (!settings.DATABASE_URL) {
    const { startEmbeddedPostgres } = await import("@/lib/dev/embedded-postgres");
    const embedded = await startEmbeddedPostgres({
      rootDir: root,
      port: settings.KEYDESK_EMBEDDED_PG_PORT,
      database: "keydesk",
      log,
    });
    applySettings({ DATABASE_URL: embedded.url });
    stop = embedded.stop;
  }
  const { getEnv } = await import("@/lib/env");
  const { getKeyring } = await import("@/lib/crypto/instance");
  const { restoreDatabase } = await import("@/lib/backup/restore");
  const { allReadable, readableLine } = await import("@/lib/keys/readable");
  let ok = false;
  try {
    const r = await restoreDatabase({
      databaseUrl: getEnv().DATABASE_URL!,
      file: path.resolve(file),
      force: flag("force"),
      keyring: getKeyring(),
      // PATH is the program's own (bin/ start-up code reads the environment it runs in).
      tools: { root, pgBin: settings.KEYDESK_PG_BIN, searchPath: process.env.PATH },
    });
    if (r.note) log(`note: ${r.note}`);
    log(`restored ${r.tables} tables, ${r.rows} rows (${r.tool})`);
    log(readableLine(r.readable));
    ok = allReadable(r.readable);
  } finally {
    await stop?.();
  }
  process.exit(ok ? 0 : 2);
});
