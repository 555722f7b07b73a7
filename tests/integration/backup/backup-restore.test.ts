// The backup drill with the real commands: seed keys (under two master-key versions), a
// two-factor secret, snapshots and shares; `npm run backup`; `npm run restore` into a fresh
// database: every row is there and every key decrypts. With a master-key version missing the
// restore names it in one line and reads nothing wrong; a database with data is never
// overwritten without --force.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { parseKeyring } from "@/lib/crypto/keyring";
import { decryptSecret, encryptSecret } from "@/lib/crypto/envelope";
import { ROOT, backupServer, createDatabase, dropDatabase, migrate, rowCounts } from "../../helpers/backup-server";

const k1 = Buffer.alloc(32, 41).toString("base64");
const k2 = Buffer.alloc(32, 42).toString("base64");
const BOTH = { KEYDESK_MASTER_KEYS: `v2:${k2},v1:${k1}`, KEYDESK_MASTER_KEY_CURRENT: "v2" };
const made: string[] = [];
let source: string;
let base: string;
let dump: string;
const plaintexts = new Map<string, { secret: string; owner: string }>();

function run(program: "backup" | "restore", args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(
      path.join(ROOT, "node_modules", ".bin", "tsx"),
      ["--conditions=react-server", `bin/${program}.ts`, ...args],
      { cwd: ROOT, env: { ...process.env, LOG_LEVEL: "silent", ...env }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) => resolve({ code, out }));
  });
}

async function fresh(prefix: string): Promise<string> {
  const url = await createDatabase(base, prefix);
  made.push(url);
  return url;
}

async function seed(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const v1 = parseKeyring(`v1:${k1}`, "v1");
  const v2 = parseKeyring(`v2:${k2}`, "v2");
  const users = [randomUUID(), randomUUID()];
  for (const [i, id] of users.entries()) {
    const totp = i === 0 ? encryptSecret("JBSWY3DPEHPK3PXP", { rowId: `totp:${id}`, ownerId: id }, v1) : null;
    await c.query(
      `INSERT INTO "User" (id, email, "updatedAt", "totpCiphertext", "totpWrappedKey", "totpKeyVersion")
       VALUES ($1, $2, now(), $3, $4, $5)`,
      [
        id,
        `drill-${i}-${id.slice(0, 8)}@example.test`,
        totp?.ciphertext ?? null,
        totp?.wrappedKey ?? null,
        totp?.masterKeyVersion ?? null,
      ],
    );
  }
  const owner = users[0]!;
  const keyIds: string[] = [];
  for (let i = 0; i < 5; i++) {
    const id = randomUUID().replace(/-/g, "");
    const secret = `drill-secret-${i}-${randomUUID()}`;
    const env = encryptSecret(secret, { rowId: id, ownerId: owner }, i < 3 ? v1 : v2);
    plaintexts.set(id, { secret, owner });
    keyIds.push(id);
    await c.query(
      `INSERT INTO "ApiKey" (id, "ownerId", label, "keyId", "accountId", scopes, ips, fragment,
         "secretCiphertext", "secretWrappedKey", "masterKeyVersion", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, '{READ_ONLY}', '{}', '…', $6, $7, $8, now())`,
      [id, owner, `key ${i}`, randomUUID(), randomUUID(), env.ciphertext, env.wrappedKey, env.masterKeyVersion],
    );
    for (let h = 0; h < 4; h++) {
      const at = new Date(Date.UTC(2026, 10, 1, h));
      await c.query(
        `INSERT INTO "KeySnapshot" (id, "keyId", at, hour, "totalEur", rows, source)
         VALUES ($1, $2, $3, $3, $4, $5, 'job')`,
        [randomUUID(), id, at, `${1000 + i * 10 + h}.25`, JSON.stringify([{ currency: "BTC", amount: "0.1" }])],
      );
    }
  }
  const team = randomUUID();
  await c.query(`INSERT INTO "Team" (id, name, "updatedAt") VALUES ($1, 'Drill team', now())`, [team]);
  await c.query(
    `INSERT INTO "TeamMember" (id, "teamId", "userId", role) VALUES ($1, $2, $3, 'owner'), ($4, $2, $5, 'member')`,
    [randomUUID(), team, owner, randomUUID(), users[1]],
  );
  for (const k of keyIds.slice(0, 2))
    await c.query(`INSERT INTO "KeyShare" (id, "keyId", "teamId", "hideAmounts") VALUES ($1, $2, $3, true)`, [
      randomUUID(),
      k,
      team,
    ]);
  await c.end();
}

beforeAll(async () => {
  ({ base } = await backupServer());
  source = await fresh("kd_backup_src");
  migrate(source);
  await seed(source);
  dump = path.join(mkdtempSync(path.join(os.tmpdir(), "kd-backup-")), "drill.dump");
});

afterAll(async () => {
  for (const url of made) await dropDatabase(url).catch(() => undefined);
});

it("backs up, then restores into a fresh database: every row is there and every key decrypts", async () => {
  const backup = await run("backup", ["--out", dump], { DATABASE_URL: source, ...BOTH });
  expect(backup.out).toMatch(/\[backup\] wrote .*drill\.dump \(\d+\.\d kB, PostgreSQL \d+/);
  expect(backup.out).toMatch(/needs master key versions v1 \(4\), v2 \(2\)/);
  expect(backup.code).toBe(0);

  const target = await fresh("kd_backup_dst");
  const restore = await run("restore", [dump], { DATABASE_URL: target, ...BOTH });
  expect(restore.out).toContain("[restore] 5 of 5 keys readable, 1 of 1 two-factor secrets\n");
  expect(restore.code).toBe(0);

  const [before, after] = await Promise.all([rowCounts(source), rowCounts(target)]);
  expect(after).toEqual(before);
  expect(after["public.ApiKey"]).toBe(5);
  expect(after["public.KeySnapshot"]).toBe(20);
  expect(after["public.KeyShare"]).toBe(2);

  const c = new pg.Client({ connectionString: target });
  await c.connect();
  const { rows } = await c.query<{
    id: string;
    ownerId: string;
    secretCiphertext: Buffer;
    secretWrappedKey: Buffer;
    masterKeyVersion: string;
  }>(`SELECT id, "ownerId", "secretCiphertext", "secretWrappedKey", "masterKeyVersion" FROM "ApiKey"`);
  await c.end();
  const keyring = parseKeyring(BOTH.KEYDESK_MASTER_KEYS, "v2");
  for (const r of rows) {
    const secret = decryptSecret(
      { ciphertext: r.secretCiphertext, wrappedKey: r.secretWrappedKey, masterKeyVersion: r.masterKeyVersion },
      { rowId: r.id, ownerId: r.ownerId },
      keyring,
    );
    expect(secret).toBe(plaintexts.get(r.id)!.secret);
  }
});

it("with master key v1 missing, names it in one line, counts only what really opens, and exits non-zero", async () => {
  const target = await fresh("kd_backup_missing");
  const restore = await run("restore", [dump], {
    DATABASE_URL: target,
    KEYDESK_MASTER_KEYS: `v2:${k2}`,
    KEYDESK_MASTER_KEY_CURRENT: "v2",
  });
  const line = restore.out.split("\n").find((l) => l.includes("keys readable"));
  expect(line).toBe(
    "[restore] 2 of 5 keys readable, 0 of 1 two-factor secrets; missing master key versions: v1 (4): add them to KEYDESK_MASTER_KEYS",
  );
  expect(restore.code).toBe(2);
  // The data is all there (nothing is read wrong or dropped): only the keyring lacks a version.
  expect(await rowCounts(target)).toEqual(await rowCounts(source));
});

it("a wrong key under a version's name is told apart from a missing one", async () => {
  const target = await fresh("kd_backup_wrong");
  const wrong = Buffer.alloc(32, 99).toString("base64");
  const restore = await run("restore", [dump], {
    DATABASE_URL: target,
    KEYDESK_MASTER_KEYS: `v2:${k2},v1:${wrong}`,
    KEYDESK_MASTER_KEY_CURRENT: "v2",
  });
  expect(restore.out).toMatch(
    /2 of 5 keys readable, 0 of 1 two-factor secrets; not opened by the configured key for: v1 \(4\)/,
  );
  expect(restore.code).toBe(2);
});

it("never overwrites a database that has data, unless told to with --force", async () => {
  const target = await fresh("kd_backup_busy");
  migrate(target);
  const c = new pg.Client({ connectionString: target });
  await c.connect();
  await c.query(`INSERT INTO "User" (id, email, "updatedAt") VALUES ('keep-me', 'keep@example.test', now())`);
  const refused = await run("restore", [dump], { DATABASE_URL: target, ...BOTH });
  expect(refused.out).toMatch(
    /already has \d+ tables .*a restore never overwrites data\. Fix: restore into an empty database, or pass --force/,
  );
  expect(refused.code).toBe(1);
  expect((await c.query(`SELECT count(*)::int AS n FROM "User"`)).rows[0].n).toBe(1);

  const forced = await run("restore", [dump, "--force"], { DATABASE_URL: target, ...BOTH });
  expect(forced.out).toContain("5 of 5 keys readable");
  expect(forced.code).toBe(0);
  expect((await c.query(`SELECT count(*)::int AS n FROM "User" WHERE id = 'keep-me'`)).rows[0].n).toBe(0);
  await c.end();
  expect(await rowCounts(target)).toEqual(await rowCounts(source));
});

it("refuses a file that is not a custom-format dump, in one line", async () => {
  const target = await fresh("kd_backup_bad");
  const r = await run("restore", [path.join(ROOT, "package.json")], { DATABASE_URL: target, ...BOTH });
  expect(r.out.trim()).toMatch(/^Cannot start: .*package\.json is not a pg_dump custom-format dump\. Fix: /);
  expect(r.code).toBe(1);
});
