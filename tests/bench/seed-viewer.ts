// Benchmark viewers: a user, one stored key (sealed through the vault, no live check: the
// simulator minted it) and a signed-in session cookie, without a password round-trip each.
// Import after the benchmark has set DATABASE_URL and the secrets.
import { db } from "@/lib/db";
import { sealKeySecret } from "@/lib/keys/seal";
import { decodeKeyClaims } from "@/lib/exchange/claims";
import { mintSessionCookie } from "../helpers/sessions";
import { TEST_SECRETS } from "../helpers/test-secrets";

export async function seedViewer(opts: {
  email: string;
  passwordHash: string;
  rowId: string;
  label: string;
  key: string;
}): Promise<{ cookie: string; keyRowId: string }> {
  const user = await db.user.create({ data: { email: opts.email, passwordHash: opts.passwordHash } });
  await storeSealedKey({ rowId: opts.rowId, ownerId: user.id, label: opts.label, key: opts.key });
  return { cookie: await mintSessionCookie(user, TEST_SECRETS.AUTH_SECRET), keyRowId: opts.rowId };
}

/** Stores a key for `ownerId` sealed through the vault, as an added key, without its live check. */
export async function storeSealedKey(opts: { rowId: string; ownerId: string; label: string; key: string }) {
  const claims = decodeKeyClaims(opts.key);
  const sealed = sealKeySecret(opts.key, { rowId: opts.rowId, ownerId: opts.ownerId });
  await db.apiKey.create({
    data: {
      id: opts.rowId,
      ownerId: opts.ownerId,
      label: opts.label,
      keyId: claims.keyId,
      accountId: claims.accountId,
      scopes: claims.scopes,
      ips: [],
      fragment: "…",
      status: "active",
      secretCiphertext: sealed.ciphertext,
      secretWrappedKey: sealed.wrappedKey,
      masterKeyVersion: sealed.masterKeyVersion,
    },
  });
}
