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

/** API keys and two-factor secrets (same keyring) still wrapped by an older master key. */
export async function countKeysNeedingRotation(keyring: Keyring = getKeyring()): Promise<number> {
  const [keys, totp] = await Promise.all([
    db.apiKey.count({ where: { masterKeyVersion: { not: keyring.current } } }),
    db.user.count({ where: { totpKeyVersion: { not: null }, NOT: { totpKeyVersion: keyring.current } } }),
  ]);
  return keys + totp;
}

/** Two-factor secrets use the same envelope (bound to "totp:<userId>"): re-wrapped the same way. */
async function rotateTotpSecrets(keyring: Keyring, batchSize: number, onRow: () => Promise<void>): Promise<void> {
  let cursor: string | undefined;
  for (;;) {
    const users = await db.user.findMany({
      where: {
        totpKeyVersion: { not: null },
        NOT: { totpKeyVersion: keyring.current },
        ...(cursor ? { id: { gt: cursor } } : {}),
      },
      select: { id: true, totpCiphertext: true, totpWrappedKey: true, totpKeyVersion: true },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    if (users.length === 0) return;
    for (const u of users) {
      if (!u.totpCiphertext || !u.totpWrappedKey || !u.totpKeyVersion) continue;
      const next = rewrapDataKey(
        {
          ciphertext: Buffer.from(u.totpCiphertext),
          wrappedKey: Buffer.from(u.totpWrappedKey),
          masterKeyVersion: u.totpKeyVersion,
        },
        { rowId: `totp:${u.id}`, ownerId: u.id },
        keyring,
      );
      await db.user.updateMany({
        where: { id: u.id, totpKeyVersion: u.totpKeyVersion },
        data: { totpWrappedKey: new Uint8Array(next.wrappedKey), totpKeyVersion: next.masterKeyVersion },
      });
      await onRow();
    }
    cursor = users[users.length - 1]?.id;
  }
}

export async function rotateKeys(
  opts: {
    batchSize?: number;
    keyring?: Keyring;
    onProgress?: (p: RotationProgress) => void;
    afterRow?: (n: number) => void | Promise<void>;
  } = {},
): Promise<RotationProgress> {
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
        {
          ciphertext: Buffer.from(row.secretCiphertext),
          wrappedKey: Buffer.from(row.secretWrappedKey),
          masterKeyVersion: row.masterKeyVersion,
        },
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
  await rotateTotpSecrets(keyring, batchSize, async () => {
    done++;
    await opts.afterRow?.(done);
  });
  const remaining = await countKeysNeedingRotation(keyring);
  await recordAudit({
    actorId: null,
    action: "key.rotate",
    outcome: remaining === 0 ? "success" : "failure",
    detail: { rewrapped: done, remaining, to: keyring.current },
  });
  return { done, remaining };
}

/** Startup guard: every master key version used by a stored key must be in the keyring. */
export async function assertKeyringCoversStoredKeys(keyring: Keyring = getKeyring()): Promise<void> {
  const versions = await db.apiKey.groupBy({ by: ["masterKeyVersion"], _count: { _all: true } });
  const totp = await db.user.groupBy({
    by: ["totpKeyVersion"],
    where: { totpKeyVersion: { not: null } },
    _count: { _all: true },
  });
  for (const t of totp) {
    if (
      t.totpKeyVersion &&
      !keyring.keys.has(t.totpKeyVersion) &&
      !versions.some((v) => v.masterKeyVersion === t.totpKeyVersion)
    )
      versions.push({
        masterKeyVersion: t.totpKeyVersion,
        _count: { _all: t._count._all },
      } as (typeof versions)[number]);
  }
  const missing = versions.filter((v) => !keyring.keys.has(v.masterKeyVersion));
  if (missing.length) {
    const list = missing
      .map((m) => `${m.masterKeyVersion} (${m._count._all} key${m._count._all === 1 ? "" : "s"})`)
      .join(", ");
    throw new CryptoError(
      "master_key_version_missing",
      `Keydesk cannot start: stored keys use master key version(s) ${list}, which KEYDESK_MASTER_KEYS lacks. Add them back; remove an old version only after npm run keys:rotate reports 0 remaining.`,
      missing[0]?.masterKeyVersion,
    );
  }
}
