// Envelope encryption with AES-256-GCM (node:crypto). Each secret gets a random 32-byte
// data key; the secret is encrypted with it, and the data key is wrapped by the current
// master key. Both layers authenticate the same AAD (purpose, row id, owner id), so a
// ciphertext copied to another row or owner fails to decrypt.
//
// Stored blobs (one per column): [format 0x01][iv 12][tag 16][ciphertext ...]
import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { CryptoError } from "./errors";
import { masterKey, type Keyring } from "./keyring";

const FORMAT = 1;
const IV_LEN = 12;
const TAG_LEN = 16;

export interface Binding {
  rowId: string;
  ownerId: string;
}

export interface Envelope {
  ciphertext: Buffer;
  wrappedKey: Buffer;
  masterKeyVersion: string;
}

/** Canonical, length-prefixed AAD: no two different bindings encode the same bytes. */
export function bindingAad(binding: Binding, layer: "secret" | "wrap"): Buffer {
  const parts = [`keydesk:exchange-key:${layer}:v1`, binding.rowId, binding.ownerId].map((s) => Buffer.from(s, "utf8"));
  return Buffer.concat(
    parts.flatMap((p) => {
      const len = Buffer.alloc(4);
      len.writeUInt32BE(p.length);
      return [len, p];
    }),
  );
}

function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const iv = randomBytes(IV_LEN);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([FORMAT]), iv, cipher.getAuthTag(), ct]);
}

function open(key: Buffer, blob: Buffer, aad: Buffer): Buffer {
  if (blob.length < 1 + IV_LEN + TAG_LEN || blob[0] !== FORMAT)
    throw new CryptoError("format_invalid", "The stored ciphertext has an unknown format.");
  const iv = blob.subarray(1, 1 + IV_LEN);
  const tag = blob.subarray(1 + IV_LEN, 1 + IV_LEN + TAG_LEN);
  const ct = blob.subarray(1 + IV_LEN + TAG_LEN);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ct), decipher.final()]);
  } catch {
    throw new CryptoError("decrypt_failed", "Decryption failed: the ciphertext, its key or its binding was altered.");
  }
}

export function encryptSecret(plaintext: string, binding: Binding, keyring: Keyring): Envelope {
  const dataKey = randomBytes(32);
  try {
    return {
      ciphertext: seal(dataKey, Buffer.from(plaintext, "utf8"), bindingAad(binding, "secret")),
      wrappedKey: seal(masterKey(keyring, keyring.current), dataKey, bindingAad(binding, "wrap")),
      masterKeyVersion: keyring.current,
    };
  } finally {
    dataKey.fill(0);
  }
}

export function decryptSecret(envelope: Envelope, binding: Binding, keyring: Keyring): string {
  const dataKey = open(masterKey(keyring, envelope.masterKeyVersion), envelope.wrappedKey, bindingAad(binding, "wrap"));
  try {
    return open(dataKey, envelope.ciphertext, bindingAad(binding, "secret")).toString("utf8");
  } finally {
    dataKey.fill(0);
  }
}

/** Re-wraps the data key under the current master key; the secret's ciphertext is untouched. */
export function rewrapDataKey(envelope: Envelope, binding: Binding, keyring: Keyring): Envelope {
  if (envelope.masterKeyVersion === keyring.current) return envelope;
  const dataKey = open(masterKey(keyring, envelope.masterKeyVersion), envelope.wrappedKey, bindingAad(binding, "wrap"));
  try {
    return {
      ciphertext: envelope.ciphertext,
      wrappedKey: seal(masterKey(keyring, keyring.current), dataKey, bindingAad(binding, "wrap")),
      masterKeyVersion: keyring.current,
    };
  } finally {
    dataKey.fill(0);
  }
}

/**
 * Whether an envelope opens with the keyring: both layers are decrypted and authenticated, and
 * the secret's bytes are zeroed at once (never turned into a string or returned). Throws like
 * decryptSecret. For checks that must prove readability without handling any key (a restore).
 */
export function verifyEnvelope(envelope: Envelope, binding: Binding, keyring: Keyring): void {
  const dataKey = open(masterKey(keyring, envelope.masterKeyVersion), envelope.wrappedKey, bindingAad(binding, "wrap"));
  try {
    open(dataKey, envelope.ciphertext, bindingAad(binding, "secret")).fill(0);
  } finally {
    dataKey.fill(0);
  }
}
