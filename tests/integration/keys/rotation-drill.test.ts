// Rotation drill: the real `keys:rotate` command, killed (SIGKILL) at a random point ten
// times in a row, then run to the end: every key decrypts under the new master key.
import { spawn } from "node:child_process";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { db, disconnectDb } from "@/lib/db";
import { parseKeyring } from "@/lib/crypto/keyring";
import { decryptSecret, encryptSecret } from "@/lib/crypto/envelope";
import { registerUser } from "@/lib/sign-up/users";
import { randomEmail } from "../../helpers/random";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const k1 = Buffer.alloc(32, 31).toString("base64");
const k2 = Buffer.alloc(32, 32).toString("base64");
const N = 1500;
let ownerId: string;

function runRotation(
  killAfterKeys: number | null,
): Promise<{ code: number | null; signal: string | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      path.join(ROOT, "node_modules", ".bin", "tsx"),
      ["--conditions=react-server", "bin/keys-rotate.ts", "--batch-size", "5"],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          KEYDESK_MASTER_KEYS: `v2:${k2},v1:${k1}`,
          KEYDESK_MASTER_KEY_CURRENT: "v2",
          LOG_LEVEL: "silent",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let output = "";
    const onData = (d: Buffer) => {
      output += d.toString();
    };
    // Kill mid-run once the database shows a random number of keys re-wrapped (the command's
    // own output lags behind its work when piped); the kill lands wherever the command is by then.
    if (killAfterKeys !== null) {
      void (async () => {
        const start = await db.apiKey.count({ where: { masterKeyVersion: "v1" } });
        while (child.exitCode === null && child.signalCode === null) {
          if (start - (await db.apiKey.count({ where: { masterKeyVersion: "v1" } })) >= killAfterKeys) {
            child.kill("SIGKILL");
            return;
          }
          // A look every 20 ms: a count every 2 ms was itself the drill's main CPU load (on a
          // busy machine it starved the command it watches). The kill still lands at a random
          // point: the command re-wraps a batch of 5 in a few milliseconds.
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
    }
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code, signal) => resolve({ code, signal, output }));
  });
}

beforeAll(async () => {
  const reg = await registerUser({ email: randomEmail("drill"), password: "a long enough passphrase" });
  if (!reg.ok) throw new Error("setup failed");
  ownerId = reg.userId;
  const v1 = parseKeyring(`v1:${k1}`, "v1");
  await db.apiKey.deleteMany({});
  await db.user.updateMany({
    data: { totpCiphertext: null, totpWrappedKey: null, totpKeyVersion: null, totpEnabledAt: null },
  }); // rotation covers 2FA secrets too // the command rotates every stored key: only the drill's keys may be there
  await db.apiKey.createMany({
    data: Array.from({ length: N }, (_, i) => {
      const id = randomUUID().replace(/-/g, "");
      const env = encryptSecret(`drill-secret-${i}`, { rowId: id, ownerId }, v1);
      return {
        id,
        ownerId,
        label: `d${i}`,
        keyId: randomUUID(),
        accountId: randomUUID(),
        scopes: ["READ_ONLY"],
        ips: [],
        fragment: "…",
        secretCiphertext: new Uint8Array(env.ciphertext),
        secretWrappedKey: new Uint8Array(env.wrappedKey),
        masterKeyVersion: env.masterKeyVersion,
      };
    }),
  });
});

afterAll(async () => {
  await db.apiKey.deleteMany({ where: { ownerId } });
  await disconnectDb();
});

it("survives ten SIGKILLs at random points, then finishes: every key decrypts", async () => {
  const remaining: number[] = [];
  let killed = 0;
  for (let i = 0; i < 10; i++) {
    // At most 100 keys (plus what 20 ms adds) per run: ten runs leave keys for the last one.
    const r = await runRotation(1 + Math.floor(Math.random() * 100));
    if (r.signal === "SIGKILL") killed++;
    remaining.push(await db.apiKey.count({ where: { ownerId, masterKeyVersion: "v1" } }));
  }
  console.log(`rotation drill: killed ${killed}/10 runs; v1 keys left after each: ${remaining.join(", ")}`);
  expect(killed).toBe(10);
  const final = await runRotation(null);
  expect(final.code).toBe(0);
  expect(final.output).toMatch(/Done: every key uses v2/);
  const rows = await db.apiKey.findMany({
    where: { ownerId },
    select: {
      id: true,
      ownerId: true,
      label: true,
      masterKeyVersion: true,
      secretCiphertext: true,
      secretWrappedKey: true,
    },
  });
  const ring = parseKeyring(`v2:${k2}`, "v2"); // the old version can go: nothing needs it
  expect(rows).toHaveLength(N);
  for (const r of rows) {
    expect(r.masterKeyVersion).toBe("v2");
    const plain = decryptSecret(
      {
        ciphertext: Buffer.from(r.secretCiphertext),
        wrappedKey: Buffer.from(r.secretWrappedKey),
        masterKeyVersion: r.masterKeyVersion,
      },
      { rowId: r.id, ownerId: r.ownerId },
      ring,
    );
    expect(plain).toBe(`drill-secret-${r.label.slice(1)}`);
  }
}, 180_000);
