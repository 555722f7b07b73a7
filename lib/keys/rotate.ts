// Master-key rotation: re-wraps every stored key's data key under the current master key,
// in batches. Each row is updated on its own, guarded by its old version, so a crash at
// any point loses nothing and a rerun simply finishes the rows still on old versions.
import "server-only";
import { db } from "@/lib/db";
import { getKeyring } from "@/lib/crypto/instance";
import { rewrapDataKey } from "@/lib/crypto/envelope";
import type { Keyring } from "@/lib/crypto/keyring";
import { CryptoError } from "@/lib/crypto/errors";
import { recordAudit } from "@/lib/audit/record";

export interface RotationProgress {
  done: number;
  remaining: number;
}

export async function countKeysNeedingRotation(keyring: Keyring = getKeyring()): Promise<number> {
  return db.apiKey.count({ where: { masterKeyVersion: { not: keyring.current } } });
}

export async function rotateKeys(opts: { batchSize?: number; keyring?: Keyring; onProgress?: (p: RotationProgress) => void; afterRow?: (n: number) => void | Promise<void> } = {}): Promise<RotationProgress> {
  const keyring = opts.keyring ?? getKeyring();
  const batchSize = opts.batchSize ?? 100;
  let done = 0;
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.apiKey.findMany({
      where: { masterKeyVersion: { not: keyring.current }, ...(cursor ? { id: { gt: cursor } } : {}) },
      select: { id: true, ownerId: true, secretCiphertext: true, secretWrappedKey: true, masterKeyVersion: true },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      const next = rewrapDataKey(
        { ciphertext: Buffer.from(row.secretCiphertext), wrappedKey: Buffer.from(row.secretWrappedKey), masterKeyVersion: row.masterKeyVersion },
        { rowId: row.id, ownerId: row.ownerId },
        keyring,
      );
      // Guarded by the version we read: a concurrent rotation can't double-wrap.
      await db.apiKey.updateMany({
        where: { id: row.id, masterKeyVersion: row.masterKeyVersion },
        data: { secretWrappedKey: new Uint8Array(next.wrappedKey), masterKeyVersion: next.masterKeyVersion },
      });
      done++;
      await opts.afterRow?.(done);
    }
    cursor = rows[rows.length - 1]?.id;
    opts.onProgress?.({ done, remaining: await countKeysNeedingRotation(keyring) });
  }
  const remaining = await countKeysNeedingRotation(keyring);
  await recordAudit({ actorId: null, action: "key.rotate", outcome: remaining === 0 ? "success" : "failure", detail: { rewrapped: done, remaining, to: keyring.current } });
  return { done, remaining };
}

/** Startup guard: every master key version used by a stored key must be in the keyring. */
export async function assertKeyringCoversStoredKeys(keyring: Keyring = getKeyring()): Promise<void> {
  const versions = await db.apiKey.groupBy({ by: ["masterKeyVersion"], _count: { _all: true } });
  const missing = versions.filter((v) => !keyring.keys.has(v.masterKeyVersion));
  if (missing.length) {
    const list = missing.map((m) => `${m.masterKeyVersion} (${m._count._all} key${m._count._all === 1 ? "" : "s"})`).join(", ");
    throw new CryptoError("master_key_version_missing", `Keydesk cannot start: stored keys use master key version(s) ${list}, which KEYDESK_MASTER_KEYS lacks. Add them back; remove an old version only after npm run keys:rotate reports 0 remaining.`, missing[0]?.masterKeyVersion);
  }
}
