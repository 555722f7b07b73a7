// Applies pending migrations once, however many replicas start at the same moment: each
// starter takes one PostgreSQL advisory lock first, so they run one after another, and a
// starter that finds every migration applied (the first one did it) runs nothing at all.
import "server-only";
import { execFile } from "node:child_process";
import { readdirSync, existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { childProcessEnv } from "@/lib/env";

/** The advisory lock's key: "keydesk migrate", fixed for every version. */
const MIGRATE_LOCK_KEY = 0x6b64_6d67;

interface MigrateResult {
  /** Migrations this starter applied (0 when another starter already had). */
  applied: number;
  total: number;
  /** How long this starter waited for the lock, in ms. */
  waitedMs: number;
}

function migrationNames(root: string): string[] {
  const dir = path.join(root, "prisma", "migrations");
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

async function appliedNames(client: pg.Client): Promise<Set<string>> {
  const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('public._prisma_migrations') AS t`);
  if (!exists.rows[0]?.t) return new Set();
  const rows = await client.query<{ migration_name: string }>(
    `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  return new Set(rows.rows.map((r) => r.migration_name));
}

export async function migrateOnce(opts: {
  databaseUrl: string;
  root: string;
  log: (message: string) => void;
}): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: opts.databaseUrl, application_name: "keydesk-migrate" });
  await client.connect();
  try {
    const started = Date.now();
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATE_LOCK_KEY]);
    const waitedMs = Date.now() - started;
    try {
      const all = migrationNames(opts.root);
      const done = await appliedNames(client);
      const pending = all.filter((m) => !done.has(m));
      if (!pending.length) {
        opts.log(`database is up to date (${all.length} migrations); nothing to apply`);
        return { applied: 0, total: all.length, waitedMs };
      }
      opts.log(`applying ${pending.length} of ${all.length} migrations (${pending[0]} … ${pending.at(-1)})`);
      const prisma = path.join(opts.root, "node_modules", ".bin", "prisma");
      await promisify(execFile)(prisma, ["migrate", "deploy"], {
        cwd: opts.root,
        env: childProcessEnv({ DATABASE_URL: opts.databaseUrl, CHECKPOINT_DISABLE: "1" }),
        maxBuffer: 16 * 1024 * 1024,
      }).catch((err: { stdout?: string; stderr?: string; message: string }) => {
        const why = `${err.stderr ?? ""}\n${err.stdout ?? ""}`
          .split("\n")
          .map((l) => l.trim())
          .filter((l) => /error|failed|P\d{4}/i.test(l));
        throw new Error(`prisma migrate deploy failed: ${why.slice(0, 3).join(" ") || err.message}`);
      });
      opts.log(`applied ${pending.length} migrations`);
      return { applied: pending.length, total: all.length, waitedMs };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATE_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}
