// After a restore: does every stored secret (exchange keys, two-factor secrets) open with the
// configured keyring? Walks the rows in batches over the given connection, verifies each
// envelope without keeping any plaintext, and counts the failures by master-key version.
import "server-only";
import type pg from "pg";
import { verifyEnvelope } from "@/lib/crypto/envelope";
import type { Keyring } from "@/lib/crypto/keyring";
import { CryptoError } from "@/lib/crypto/errors";

interface ReadableCount {
  total: number;
  readable: number;
  /** Versions the keyring lacks, with how many rows need each. */
  missing: Record<string, number>;
  /** Versions the keyring has, but whose key does not open these rows (a wrong key for that version). */
  wrong: Record<string, number>;
}

export interface ReadableReport {
  keys: ReadableCount;
  twoFactor: ReadableCount;
}

interface Row {
  id: string;
  owner: string;
  ciphertext: Buffer;
  wrapped: Buffer;
  version: string;
}

const BATCH = 500;

async function walk(client: pg.ClientBase, sql: string, keyring: Keyring, rowId: (r: Row) => string) {
  const count: ReadableCount = { total: 0, readable: 0, missing: {}, wrong: {} };
  let cursor = "";
  for (;;) {
    const { rows } = await client.query<Row>(sql, [cursor, BATCH]);
    for (const r of rows) {
      count.total++;
      try {
        verifyEnvelope(
          { ciphertext: r.ciphertext, wrappedKey: r.wrapped, masterKeyVersion: r.version },
          { rowId: rowId(r), ownerId: r.owner },
          keyring,
        );
        count.readable++;
      } catch (err) {
        const bucket =
          err instanceof CryptoError && err.code === "master_key_version_missing" ? count.missing : count.wrong;
        bucket[r.version] = (bucket[r.version] ?? 0) + 1;
      }
    }
    if (rows.length < BATCH) return count;
    cursor = rows[rows.length - 1]!.id;
  }
}

export async function checkStoredSecretsReadable(client: pg.ClientBase, keyring: Keyring): Promise<ReadableReport> {
  const keys = await walk(
    client,
    `SELECT id, "ownerId" AS owner, "secretCiphertext" AS ciphertext, "secretWrappedKey" AS wrapped,
            "masterKeyVersion" AS version
       FROM "ApiKey" WHERE id > $1 ORDER BY id LIMIT $2`,
    keyring,
    (r) => r.id,
  );
  const twoFactor = await walk(
    client,
    `SELECT id, id AS owner, "totpCiphertext" AS ciphertext, "totpWrappedKey" AS wrapped, "totpKeyVersion" AS version
       FROM "User" WHERE "totpKeyVersion" IS NOT NULL AND id > $1 ORDER BY id LIMIT $2`,
    keyring,
    (r) => `totp:${r.id}`,
  );
  return { keys, twoFactor };
}

const versions = (m: Record<string, number>) =>
  Object.entries(m)
    .sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true }))
    .map(([v, n]) => `${v} (${n})`)
    .join(", ");

/** One line: "N of N keys readable", or what is missing and what to do. */
export function readableLine(r: ReadableReport): string {
  const k = r.keys;
  const t = r.twoFactor;
  let line = `${k.readable} of ${k.total} keys readable`;
  if (t.total) line += `, ${t.readable} of ${t.total} two-factor secrets`;
  const missing = { ...k.missing };
  for (const [v, n] of Object.entries(t.missing)) missing[v] = (missing[v] ?? 0) + n;
  const wrong = { ...k.wrong };
  for (const [v, n] of Object.entries(t.wrong)) wrong[v] = (wrong[v] ?? 0) + n;
  if (Object.keys(missing).length)
    line += `; missing master key versions: ${versions(missing)}: add them to KEYDESK_MASTER_KEYS`;
  if (Object.keys(wrong).length)
    line += `; not opened by the configured key for: ${versions(wrong)}: that version's key is not the one these were written with`;
  return line;
}

export function allReadable(r: ReadableReport): boolean {
  return r.keys.readable === r.keys.total && r.twoFactor.readable === r.twoFactor.total;
}
