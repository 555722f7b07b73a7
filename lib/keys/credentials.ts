// THE ONLY MODULE THAT DECRYPTS KEYS. It loads a key's envelope, opens it, hands the
// plaintext to a callback for one exchange call, and keeps it nowhere: not in a return
// value, a log line, a cache key or an error message.
import "server-only";
import { hotRows } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { decryptSecret } from "@/lib/crypto/envelope";
import { getKeyring } from "@/lib/crypto/instance";
import { logger } from "@/lib/log";
import { timed, timedSync } from "@/lib/request-context";
import { KEY_NOT_FOUND, KEY_STOPPED } from "@/lib/keys/refusal-texts";

type EnvelopeRow = {
  id: string;
  ownerId: string;
  secretCiphertext: Buffer;
  secretWrappedKey: Buffer;
  masterKeyVersion: string;
  status: string;
};

/** A key's sealed envelope, being read (ciphertext and wrapped data key only: nothing opened yet). */
export interface PendingEnvelope {
  readonly keyRowId: string;
  readonly row: Promise<EnvelopeRow | undefined>;
}

/**
 * Starts reading a key's envelope, so the read can overlap other work (the proxy starts it
 * while it takes the upstream budget). Nothing is decrypted until withKeyCredentials.
 */
export function readEnvelope(keyRowId: string): PendingEnvelope {
  const row = timed("envelope", () =>
    hotRows<EnvelopeRow>(
      "keydesk_key_envelope",
      `SELECT id, "ownerId", "secretCiphertext", "secretWrappedKey", "masterKeyVersion", status::text AS status
       FROM "ApiKey" WHERE id = $1`,
      [keyRowId],
    ),
  ).then((rows) => rows[0]);
  row.catch(() => undefined); // awaited by withKeyCredentials; an unused read must not go unhandled
  return { keyRowId, row };
}

export async function withKeyCredentials<T>(
  keyRowId: string,
  use: (plaintext: string) => Promise<T>,
  pending?: PendingEnvelope,
  opts: { allowStopped?: boolean } = {},
): Promise<T> {
  const row = await (pending?.keyRowId === keyRowId ? pending : readEnvelope(keyRowId)).row;
  if (!row) throw new AppError("not_found", KEY_NOT_FOUND);
  // An emergency-stopped key is never opened, whoever asks (the one exception: the owner's
  // cancel-all of open orders, lib/exchange/cancel-all.ts, which exists for that moment).
  if (row.status === "stopped" && !opts.allowStopped)
    throw new AppError("forbidden", KEY_STOPPED, { reason: "KEY_STOPPED" });
  let plaintext: string;
  try {
    plaintext = timedSync("decrypt", () =>
      decryptSecret(
        {
          ciphertext: Buffer.from(row.secretCiphertext),
          wrappedKey: Buffer.from(row.secretWrappedKey),
          masterKeyVersion: row.masterKeyVersion,
        },
        { rowId: row.id, ownerId: row.ownerId },
        getKeyring(),
      ),
    );
  } catch (err) {
    logger.error(
      { keyRowId, masterKeyVersion: row.masterKeyVersion, err: err instanceof Error ? err.name : "unknown" },
      "key decryption failed",
    );
    throw new AppError("internal", "error.keyDecrypt");
  }
  return timed("exchange", () => use(plaintext));
}
