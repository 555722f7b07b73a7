import { randomUUID } from "node:crypto";
import { db, disconnectDb } from "@/lib/db";
import { parseKeyring } from "@/lib/crypto/keyring";
import { decryptSecret, encryptSecret } from "@/lib/crypto/envelope";
import { rotateKeys, assertKeyringCoversStoredKeys, countKeysNeedingRotation } from "@/lib/keys/rotate";
import { CryptoError } from "@/lib/crypto/errors";
import { registerUser } from "@/lib/sign-up/users";
import { randomEmail } from "../../helpers/random";

const k1 = Buffer.alloc(32, 11).toString("base64");
const k2 = Buffer.alloc(32, 22).toString("base64");
const v1 = parseKeyring(`v1:${k1}`, "v1");
const v2AndV1 = parseKeyring(`v2:${k2},v1:${k1}`, "v2");
const v2Only = parseKeyring(`v2:${k2}`, "v2");
const N = 1000;

let ownerId: string;

beforeAll(async () => {
  await db.apiKey.deleteMany({});
  await db.user.updateMany({
    data: { totpCiphertext: null, totpWrappedKey: null, totpKeyVersion: null, totpEnabledAt: null },
  }); // rotation covers 2FA secrets too
  const reg = await registerUser({ email: randomEmail("rotate"), password: "a long enough passphrase" });
  if (!reg.ok) throw new Error("setup failed");
  ownerId = reg.userId;
  const rows = Array.from({ length: N }, (_, i) => {
    const id = randomUUID().replace(/-/g, "");
    const env = encryptSecret(`secret-key-${i}`, { rowId: id, ownerId }, v1);
    return {
      id,
      ownerId,
      label: `k${i}`,
      keyId: randomUUID(),
      accountId: randomUUID(),
      scopes: ["READ_ONLY"],
      ips: [],
      fragment: "…abcd",
      secretCiphertext: new Uint8Array(env.ciphertext),
      secretWrappedKey: new Uint8Array(env.wrappedKey),
      masterKeyVersion: env.masterKeyVersion,
    };
  });
  await db.apiKey.createMany({ data: rows });
});

afterAll(async () => {
  await db.apiKey.deleteMany({ where: { ownerId } });
  await disconnectDb();
});

it("refuses to start when a stored key's master key version is missing, naming it", async () => {
  await expect(assertKeyringCoversStoredKeys(v2Only)).rejects.toThrow(/master key version\(s\) v1 \(1000 keys\)/);
  await expect(assertKeyringCoversStoredKeys(v2Only)).rejects.toBeInstanceOf(CryptoError);
  await expect(assertKeyringCoversStoredKeys(v2AndV1)).resolves.toBeUndefined();
});

it("rotates 1,000 keys from v1 to v2, survives a crash half-way, and resumes", async () => {
  const crash = new Error("simulated crash");
  await expect(
    rotateKeys({
      keyring: v2AndV1,
      batchSize: 64,
      afterRow: (n) => {
        if (n === N / 2) throw crash;
      },
    }),
  ).rejects.toBe(crash);
  expect(await countKeysNeedingRotation(v2AndV1)).toBe(N / 2);

  const progress: number[] = [];
  const result = await rotateKeys({ keyring: v2AndV1, batchSize: 64, onProgress: (p) => progress.push(p.remaining) });
  expect(result).toEqual({ done: N / 2, remaining: 0 });
  expect(progress.at(-1)).toBe(0);

  // Idempotent: a second run has nothing to do.
  expect(await rotateKeys({ keyring: v2AndV1 })).toEqual({ done: 0, remaining: 0 });

  // Every key decrypts with v2 alone: v1 can be removed.
  const rows = await db.apiKey.findMany({
    where: { ownerId },
    select: { id: true, label: true, secretCiphertext: true, secretWrappedKey: true, masterKeyVersion: true },
  });
  expect(rows).toHaveLength(N);
  for (const row of rows) {
    const plain = decryptSecret(
      {
        ciphertext: Buffer.from(row.secretCiphertext),
        wrappedKey: Buffer.from(row.secretWrappedKey),
        masterKeyVersion: row.masterKeyVersion,
      },
      { rowId: row.id, ownerId },
      v2Only,
    );
    expect(plain).toBe(`secret-key-${row.label.slice(1)}`);
  }
  await expect(assertKeyringCoversStoredKeys(v2Only)).resolves.toBeUndefined();
  // A stuck test's ceiling: 1,000 rows each updated on its own (the crash-safety contract above),
  // about 10 s on a quiet machine and over a minute on a loaded one.
}, 180_000);

it("the default client never returns secret columns", async () => {
  const row = await db.apiKey.findFirst({ where: { ownerId } });
  expect(row).not.toBeNull();
  expect(row).not.toHaveProperty("secretCiphertext");
  expect(row).not.toHaveProperty("secretWrappedKey");
});
