// A PostgreSQL server the machine's pg_dump can dump, for the backup drill: the suite's own
// server when its tools match it, else TEST_BACKUP_DATABASE_SERVER_URL, else the machine's
// PostgreSQL on 127.0.0.1:5432 (CI machines run one). Databases made here are dropped after.
import path from "node:path";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { toolForServer } from "@/lib/backup/pg-tools";

export const ROOT = path.resolve(__dirname, "..", "..");
export const toolSearch = () => ({ root: ROOT, searchPath: process.env.PATH });

async function version(base: string): Promise<string | null> {
  const c = new pg.Client({ connectionString: `${base}/postgres`, connectionTimeoutMillis: 3_000 });
  try {
    await c.connect();
    return (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v.split(" ")[0]!;
  } catch {
    return null;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** The server URL (no database) to run the drill on, and why that one. */
export async function backupServer(): Promise<{ base: string; version: string }> {
  const suite = (process.env.KEYDESK_TEST_DATABASE_URL ?? "").replace(/\/[^/]*$/, "");
  const tried: string[] = [];
  for (const base of [suite, process.env.TEST_BACKUP_DATABASE_SERVER_URL, "postgresql://postgres@127.0.0.1:5432"]) {
    if (!base) continue;
    const v = await version(base);
    if (!v) {
      tried.push(`${base}: no answer`);
      continue;
    }
    try {
      toolForServer("pg_dump", v, toolSearch());
      toolForServer("pg_restore", v, toolSearch());
      return { base, version: v };
    } catch (err) {
      tried.push(`${base}: ${(err as Error).message}`);
    }
  }
  throw new Error(`no PostgreSQL server whose version the local pg_dump can dump: ${tried.join("; ")}`);
}

export async function createDatabase(base: string, prefix: string): Promise<string> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const c = new pg.Client({ connectionString: `${base}/postgres` });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  return `${base}/${name}`;
}

export async function dropDatabase(url: string): Promise<void> {
  const base = url.replace(/\/[^/]*$/, "");
  const c = new pg.Client({ connectionString: `${base}/postgres` });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${url.slice(base.length + 1)} WITH (FORCE)`);
  await c.end();
}

export function migrate(url: string): void {
  execFileSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** Rows in every table of the database's own schemas, by "schema.table". */
export async function rowCounts(url: string): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ s: string; t: string }>(
      `SELECT schemaname AS s, tablename AS t FROM pg_tables WHERE schemaname NOT IN ('pg_catalog','information_schema')`,
    );
    const out: Record<string, number> = {};
    for (const r of rows)
      out[`${r.s}.${r.t}`] = (await c.query(`SELECT count(*)::int AS n FROM "${r.s}"."${r.t}"`)).rows[0].n;
    return out;
  } finally {
    await c.end();
  }
}
