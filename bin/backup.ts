// `npm run backup [-- --out FILE]`: a consistent pg_dump (custom format) of DATABASE_URL's
// database, by default to backups/keydesk-<UTC time>.dump. Stored keys stay encrypted in it:
// keep the master keys (KEYDESK_MASTER_KEYS) somewhere else (README, "Backups").
import path from "node:path";
import { applySettings } from "@/lib/env";
import { StartupError } from "@/lib/dev/startup-error";
import { runProgram } from "./program";

runProgram({ name: "backup", envFiles: true }, async ({ root, settings, arg, log }) => {
  let stop: (() => Promise<void>) | undefined;
  if (!settings.DATABASE_URL) {
    // Development: the embedded database `npm run dev` uses.
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
  const { backupDatabase, defaultBackupFile } = await import("@/lib/backup/dump");
  const out = arg("out");
  if (out === "") throw new StartupError("--out has no file name", "give one, e.g. --out backups/keydesk.dump");
  try {
    const r = await backupDatabase({
      databaseUrl: settings.DATABASE_URL ?? (await import("@/lib/env")).getEnv().DATABASE_URL!,
      file: out ? path.resolve(out) : defaultBackupFile(root),
      // PATH is the program's own (bin/ start-up code reads the environment it runs in).
      tools: { root, pgBin: settings.KEYDESK_PG_BIN, searchPath: process.env.PATH },
    });
    if (r.note) log(`note: ${r.note}`);
    const versions = Object.entries(r.keyVersions).map(([v, n]) => `${v} (${n})`);
    log(
      `wrote ${path.relative(process.cwd(), r.file) || r.file} (${(r.bytes / 1024).toFixed(1)} kB, PostgreSQL ${r.serverVersion}, ${r.tool})`,
    );
    log(
      versions.length
        ? `it needs master key versions ${versions.join(", ")} to read its keys: keep KEYDESK_MASTER_KEYS apart from the dump`
        : "it holds no stored keys",
    );
  } finally {
    await stop?.();
  }
});
