// `npm run backup`: one consistent dump of the database (pg_dump's custom format is taken in
// one snapshot), written beside its final name and renamed when complete, readable by its
// owner only. It holds every stored key still encrypted: the master keys are the other half,
// kept elsewhere (README, "Backups").
import "server-only";
import { execFile } from "node:child_process";
import { chmodSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { childProcessEnv } from "@/lib/env";
import { libpqEnv, toolForServer, type ToolSearch } from "./pg-tools";

interface BackupResult {
  file: string;
  bytes: number;
  tool: string;
  serverVersion: string;
  note: string | null;
  /** Stored keys and two-factor secrets by master-key version: the versions a restore needs. */
  keyVersions: Record<string, number>;
}

export async function serverVersion(client: pg.ClientBase): Promise<string> {
  const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
  return rows[0]!.server_version.split(" ")[0]!;
}

async function keyVersions(client: pg.ClientBase): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const { rows } = await client.query<{ v: string; n: number }>(
    `SELECT v, count(*)::int AS n FROM (
       SELECT "masterKeyVersion" AS v FROM "ApiKey"
       UNION ALL SELECT "totpKeyVersion" FROM "User" WHERE "totpKeyVersion" IS NOT NULL) s GROUP BY v`,
  );
  for (const r of rows) out[r.v] = r.n;
  return out;
}

export function defaultBackupFile(root: string, now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return path.join(root, "backups", `keydesk-${stamp}.dump`);
}

export async function backupDatabase(opts: {
  databaseUrl: string;
  file: string;
  /** Where to look for the PostgreSQL tools (./pg-tools.ts). */
  tools: ToolSearch;
}): Promise<BackupResult> {
  const client = new pg.Client({ connectionString: opts.databaseUrl, application_name: "keydesk-backup" });
  await client.connect();
  let version: string;
  let versions: Record<string, number>;
  try {
    version = await serverVersion(client);
    versions = await keyVersions(client).catch(() => ({}));
  } finally {
    await client.end().catch(() => undefined);
  }
  const tool = toolForServer("pg_dump", version, opts.tools);
  mkdirSync(path.dirname(opts.file), { recursive: true });
  const partial = `${opts.file}.partial`;
  try {
    await promisify(execFile)(tool.path, ["--format=custom", "--no-password", `--file=${partial}`], {
      env: childProcessEnv(libpqEnv(opts.databaseUrl)),
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (err) {
    rmSync(partial, { force: true });
    const stderr = String((err as { stderr?: string }).stderr ?? "")
      .trim()
      .split("\n")[0];
    throw new Error(`pg_dump failed: ${stderr || (err as Error).message}`);
  }
  chmodSync(partial, 0o600);
  renameSync(partial, opts.file);
  return {
    file: opts.file,
    bytes: statSync(opts.file).size,
    tool: `${tool.path} ${tool.version}`,
    serverVersion: version,
    note: tool.note,
    keyVersions: versions,
  };
}
