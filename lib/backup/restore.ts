// `npm run restore`: loads a pg_dump custom-format file into an EMPTY database (one with
// tables is refused unless `force`, which first drops its schemas), in one transaction, then
// checks every stored key and two-factor secret opens with the configured keyring.
import "server-only";
import { execFile } from "node:child_process";
import { closeSync, openSync, readSync } from "node:fs";
import { promisify } from "node:util";
import pg from "pg";
import type { Keyring } from "@/lib/crypto/keyring";
import { StartupError } from "@/lib/dev/startup-error";
import { checkStoredSecretsReadable, type ReadableReport } from "@/lib/keys/readable";
import { childProcessEnv } from "@/lib/env";
import { libpqEnv, toolForServer, type ToolSearch } from "./pg-tools";
import { serverVersion } from "./dump";

interface RestoreResult {
  tables: number;
  rows: number;
  tool: string;
  note: string | null;
  readable: ReadableReport;
}

function assertCustomFormat(file: string): void {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    throw new StartupError(`the dump ${file} cannot be read`, "give the path of a file made by npm run backup");
  }
  const head = Buffer.alloc(5);
  readSync(fd, head, 0, 5, 0);
  closeSync(fd);
  if (head.toString("latin1") !== "PGDMP")
    throw new StartupError(
      `${file} is not a pg_dump custom-format dump`,
      "give the path of a file made by npm run backup (pg_dump --format=custom)",
    );
}

/** Tables in the database's own schemas (not PostgreSQL's). */
async function userTables(client: pg.ClientBase): Promise<{ schema: string; name: string }[]> {
  const { rows } = await client.query<{ schema: string; name: string }>(
    `SELECT schemaname AS schema, tablename AS name FROM pg_tables
      WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
  );
  return rows;
}

export async function restoreDatabase(opts: {
  databaseUrl: string;
  file: string;
  force: boolean;
  keyring: Keyring;
  /** Where to look for the PostgreSQL tools (./pg-tools.ts). */
  tools: ToolSearch;
}): Promise<RestoreResult> {
  assertCustomFormat(opts.file);
  const client = new pg.Client({ connectionString: opts.databaseUrl, application_name: "keydesk-restore" });
  await client.connect();
  try {
    const target = new URL(opts.databaseUrl);
    const existing = await userTables(client);
    if (existing.length && !opts.force)
      throw new StartupError(
        `the database ${target.pathname.slice(1)} on ${target.host} already has ${existing.length} tables (${existing
          .slice(0, 3)
          .map((t) => t.name)
          .join(", ")}…); a restore never overwrites data`,
        "restore into an empty database, or pass --force to replace everything in this one",
      );
    if (existing.length) {
      const schemas = [...new Set(existing.map((t) => t.schema))];
      for (const s of schemas) await client.query(`DROP SCHEMA "${s.replace(/"/g, '""')}" CASCADE`);
      if (schemas.includes("public")) await client.query("CREATE SCHEMA public");
    }
    const tool = toolForServer("pg_restore", await serverVersion(client), opts.tools);
    try {
      await promisify(execFile)(
        tool.path,
        [
          "--no-owner",
          "--no-privileges",
          "--exit-on-error",
          "--single-transaction",
          "--no-password",
          `--dbname=${libpqEnv(opts.databaseUrl).PGDATABASE}`,
          opts.file,
        ],
        { env: childProcessEnv(libpqEnv(opts.databaseUrl)), maxBuffer: 16 * 1024 * 1024 },
      );
    } catch (err) {
      const stderr = String((err as { stderr?: string }).stderr ?? "")
        .trim()
        .split("\n")
        .slice(0, 2)
        .join(" ");
      throw new Error(
        `pg_restore failed (nothing was restored: it runs in one transaction): ${stderr || (err as Error).message}`,
      );
    }
    const tables = await userTables(client);
    let rows = 0;
    for (const t of tables) {
      const q = `SELECT count(*)::int AS n FROM "${t.schema.replace(/"/g, '""')}"."${t.name.replace(/"/g, '""')}"`;
      rows += (await client.query<{ n: number }>(q)).rows[0]!.n;
    }
    const readable = await checkStoredSecretsReadable(client, opts.keyring);
    return { tables: tables.length, rows, tool: `${tool.path} ${tool.version}`, note: tool.note, readable };
  } finally {
    await client.end().catch(() => undefined);
  }
}
