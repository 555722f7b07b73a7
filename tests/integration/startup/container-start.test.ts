// What the container runs at start (bin/migrate.ts, then bin/start.ts): three starters at once
// on an empty database apply the migrations exactly once (the advisory lock); and without the
// production secrets both refuse, with the one-line errors naming each setting, touching nothing.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { TEST_SECRETS } from "../../helpers/test-secrets";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const SERVER = (process.env.KEYDESK_TEST_DATABASE_URL ?? "").replace(/\/[^/]*$/, "");
const made: string[] = [];
const MIGRATIONS = readdirSync(path.join(ROOT, "prisma", "migrations"), { withFileTypes: true }).filter((d) =>
  d.isDirectory(),
).length;

function run(program: string, env: Record<string, string | undefined>) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const base: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: "silent" };
    for (const k of [...Object.keys(TEST_SECRETS), "DATABASE_URL", "EXCHANGE_BASE_URL", "NODE_ENV"]) delete base[k];
    const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), ["--conditions=react-server", program], {
      cwd: ROOT,
      env: { ...base, ...env } as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) => resolve({ code, out }));
  });
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>, db = "postgres"): Promise<T> {
  const c = new pg.Client({ connectionString: `${SERVER}/${db}` });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function freshDatabase(name: string): Promise<string> {
  await admin((c) =>
    c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).then(() => c.query(`CREATE DATABASE ${name}`)),
  );
  made.push(name);
  return `${SERVER}/${name}`;
}

afterAll(async () => {
  for (const name of made)
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch(() => undefined);
});

const production = (url: string) => ({
  ...TEST_SECRETS,
  DATABASE_URL: url,
  EXCHANGE_BASE_URL: "https://exchange.example.test/public/v1",
});

it("three starters at once on an empty database: one applies every migration, the others apply none", async () => {
  const url = await freshDatabase("kd_migrate_once");
  const results = await Promise.all([1, 2, 3].map(() => run("bin/migrate.ts", production(url))));
  for (const r of results) expect(r.code).toBe(0);
  const applied = results.filter((r) => r.out.includes(`[migrate] applied ${MIGRATIONS} migrations`));
  const upToDate = results.filter((r) => r.out.includes(`[migrate] database is up to date (${MIGRATIONS} migrations)`));
  expect(applied).toHaveLength(1);
  expect(upToDate).toHaveLength(2);
  const rows = await admin(
    (c) =>
      c.query<{ migration_name: string; n: number; unfinished: number }>(
        `SELECT migration_name, count(*)::int AS n, count(*) FILTER (WHERE finished_at IS NULL)::int AS unfinished
           FROM _prisma_migrations GROUP BY migration_name`,
      ),
    "kd_migrate_once",
  );
  expect(rows.rows).toHaveLength(MIGRATIONS);
  for (const r of rows.rows)
    expect({ name: r.migration_name, n: r.n, unfinished: r.unfinished }).toEqual({
      name: r.migration_name,
      n: 1,
      unfinished: 0,
    });
  // A later start (a restart, a fourth replica) finds nothing to do.
  const again = await run("bin/migrate.ts", production(url));
  expect(again.out).toContain("nothing to apply");
  expect(again.code).toBe(0);
});

it.each(["bin/migrate.ts", "bin/start.ts"])(
  "%s refuses to start in production without the secrets, naming each one, and touches no database",
  async (program) => {
    const url = await freshDatabase(`kd_refuse_${program.includes("migrate") ? "m" : "s"}`);
    const r = await run(program, { DATABASE_URL: url });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^Keydesk cannot start: invalid settings\./);
    for (const line of [
      "  - AUTH_SECRET is not set. Generate one with `openssl rand -base64 33`",
      "  - KEYDESK_MASTER_KEYS is not set. Set it to `v1:<base64 of 32 random bytes>`",
      "  - KEYDESK_MASTER_KEY_CURRENT is not set.",
      "  - EXCHANGE_BASE_URL is not set: production needs the exchange's https address.",
    ])
      expect(r.out).toContain(line);
    expect(r.out).not.toMatch(/\n\s+at /); // no stack trace
    const tables = await admin(
      (c) => c.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`),
      `kd_refuse_${program.includes("migrate") ? "m" : "s"}`,
    );
    expect(tables.rows[0].n).toBe(0);
  },
);
