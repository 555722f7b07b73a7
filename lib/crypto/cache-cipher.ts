// Encryption of cached exchange data at rest (Redis): AES-256-GCM with a key derived from
// each master key by HKDF-SHA256 under its own purpose label, so it rotates with the keyring.
// Each value names its master-key version; a value under a version this keyring lacks, or
// one that fails authentication (tampered, or moved to another cache key: the cache key is
// the AAD), opens as null, which the cache treats as a miss. Keys are derived once.
//
// Stored form: "c1.<version>.<base64url(iv 12 | tag 16 | ciphertext)>"
import "server-only";
import { createCipheriv, createDecipheriv, createSecretKey, hkdfSync, randomBytes, type KeyObject } from "node:crypto";
import type { Keyring } from "./keyring";

const PURPOSE = "keydesk:exchange-cache:aes-256-gcm:v1";
const IV_LEN = 12;
const TAG_LEN = 16;

export interface CacheCipher {
  /** The master-key version new values are sealed with. */
  readonly version: string;
  seal(cacheKey: string, plaintext: string): string;
  open(cacheKey: string, stored: string): string | null;
}

export function deriveCacheKey(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", masterKey, Buffer.from("keydesk-cache"), Buffer.from(PURPOSE), 32));
}

export function createCacheCipher(keyring: Keyring): CacheCipher {
  // KeyObjects made once: createCipheriv then skips importing raw key bytes on every value.
  const keys = new Map<string, KeyObject>();
  for (const [version, master] of keyring.keys) keys.set(version, createSecretKey(deriveCacheKey(master)));
  const current = keys.get(keyring.current);
  if (!current) throw new Error(`the keyring has no key for its current version ${keyring.current}`);
  return {
    version: keyring.current,
    seal(cacheKey, plaintext) {
      const iv = randomBytes(IV_LEN);
      const cipher = createCipheriv("aes-256-gcm", current, iv);
      cipher.setAAD(Buffer.from(cacheKey, "utf8"));
      const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return `c1.${keyring.current}.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString("base64url")}`;
    },
    open(cacheKey, stored) {
      const parts = stored.split(".");
      if (parts.length !== 3 || parts[0] !== "c1") return null;
      const key = keys.get(parts[1]!);
      if (!key) return null;
      const raw = Buffer.from(parts[2]!, "base64url");
      if (raw.length < IV_LEN + TAG_LEN) return null;
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_LEN));
        decipher.setAAD(Buffer.from(cacheKey, "utf8"));
        decipher.setAuthTag(raw.subarray(IV_LEN, IV_LEN + TAG_LEN));
        return Buffer.concat([decipher.update(raw.subarray(IV_LEN + TAG_LEN)), decipher.final()]).toString("utf8");
      } catch {
        return null;
      }
    },
  };
}
