// Settings every test process gets: a dedicated test database (never the dev data),
// fixed test-only secrets, and the local Redis.
import path from "node:path";
import { execFileSync } from "node:child_process";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/dev/embedded-postgres";
import { getLaunchSettings } from "@/lib/env";

export const ROOT = path.resolve(__dirname, "..", "..");
export const TEST_DB_NAME = "keydesk_test";

export { TEST_SECRETS } from "./test-secrets";

/**
 * Server URL without database: TEST_DATABASE_SERVER_URL, else an embedded PostgreSQL under
 * .data/test on port 54330 (KEYDESK_TEST_PG_PORT: a test that runs the suite in a second
 * checkout gives that one its own port).
 */
async function serverUrl(): Promise<string> {
  if (process.env.TEST_DATABASE_SERVER_URL) return process.env.TEST_DATABASE_SERVER_URL;
  const db = await startEmbeddedPostgres({
    rootDir: path.join(ROOT, ".data", "test"),
    port: getLaunchSettings().KEYDESK_TEST_PG_PORT,
    database: "postgres",
    log: (m) => console.log(m),
    portSetting: "KEYDESK_TEST_PG_PORT",
  });
  return db.url.replace(/\/postgres$/, "");
}

/** Drops and recreates the test database, applies migrations, returns its URL. */
export async function prepareTestDatabase(name: string = TEST_DB_NAME): Promise<string> {
  const base = (await serverUrl()).replace(/\/$/, "");
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = `${base}/${name}`;
  execFileSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return url;
}
