// The master-key keyring: versioned 32-byte AES keys, one of them current. New data keys
// are wrapped with the current version; older versions stay only to unwrap until rotated.
import "server-only";
import { CryptoError } from "./errors";

export interface Keyring {
  current: string;
  keys: ReadonlyMap<string, Buffer>;
}

const VERSION = /^v\d{1,6}$/;

/** Parses `v2:<base64>,v1:<base64>` with the current version named separately. */
export function parseKeyring(setting: string, current: string): Keyring {
  const keys = new Map<string, Buffer>();
  for (const part of setting
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const idx = part.indexOf(":");
    const version = idx > 0 ? part.slice(0, idx) : "";
    if (!VERSION.test(version))
      throw new CryptoError(
        "keyring_invalid",
        `KEYDESK_MASTER_KEYS: each entry must look like v1:<base64 key>; got an entry without a valid version.`,
      );
    const key = Buffer.from(part.slice(idx + 1), "base64");
    if (key.length !== 32)
      throw new CryptoError(
        "keyring_invalid",
        `KEYDESK_MASTER_KEYS: the key for ${version} must be 32 bytes of base64 (got ${key.length} bytes).`,
      );
    if (keys.has(version))
      throw new CryptoError("keyring_invalid", `KEYDESK_MASTER_KEYS: version ${version} appears twice.`);
    keys.set(version, key);
  }
  if (keys.size === 0) throw new CryptoError("keyring_invalid", "KEYDESK_MASTER_KEYS is empty.");
  if (!keys.has(current))
    throw new CryptoError(
      "master_key_version_missing",
      `KEYDESK_MASTER_KEY_CURRENT is ${current}, but KEYDESK_MASTER_KEYS has no key for ${current}.`,
    );
  return { current, keys };
}

export function masterKey(keyring: Keyring, version: string): Buffer {
  const key = keyring.keys.get(version);
  if (!key)
    throw new CryptoError(
      "master_key_version_missing",
      `A stored key was encrypted with master key ${version}, which is not in KEYDESK_MASTER_KEYS. Add it back (rotation needs the old version until npm run keys:rotate has finished).`,
      version,
    );
  return key;
}
