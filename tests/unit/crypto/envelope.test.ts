import { decryptSecret, encryptSecret, rewrapDataKey, type Envelope } from "@/lib/crypto/envelope";
import { parseKeyring } from "@/lib/crypto/keyring";
import { CryptoError } from "@/lib/crypto/errors";

const k1 = Buffer.alloc(32, 1).toString("base64");
const k2 = Buffer.alloc(32, 2).toString("base64");
const v1 = parseKeyring(`v1:${k1}`, "v1");
const both = parseKeyring(`v2:${k2},v1:${k1}`, "v2");
const v2only = parseKeyring(`v2:${k2}`, "v2");
const binding = { rowId: "row-1", ownerId: "owner-1" };
const SECRET = "eyJhbGciOi.the-secret-key.signature";

function flip(buf: Buffer, index: number): Buffer {
  const copy = Buffer.from(buf);
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
}

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof CryptoError) return err.code;
    throw err;
  }
  return "none";
}

describe("envelope encryption", () => {
  const env = encryptSecret(SECRET, binding, v1);

  it("round-trips and never stores the plaintext", () => {
    expect(decryptSecret(env, binding, v1)).toBe(SECRET);
    expect(env.ciphertext.includes(Buffer.from(SECRET))).toBe(false);
    expect(env.masterKeyVersion).toBe("v1");
  });

  it("uses a fresh data key and IV every time", () => {
    const again = encryptSecret(SECRET, binding, v1);
    expect(again.ciphertext.equals(env.ciphertext)).toBe(false);
    expect(again.wrappedKey.equals(env.wrappedKey)).toBe(false);
  });

  it.each<[string, (e: Envelope) => Envelope]>([
    ["ciphertext body", (e) => ({ ...e, ciphertext: flip(e.ciphertext, e.ciphertext.length - 1) })],
    ["ciphertext tag", (e) => ({ ...e, ciphertext: flip(e.ciphertext, 14) })],
    ["ciphertext iv", (e) => ({ ...e, ciphertext: flip(e.ciphertext, 2) })],
    ["wrapped key", (e) => ({ ...e, wrappedKey: flip(e.wrappedKey, e.wrappedKey.length - 3) })],
    ["wrapped key tag", (e) => ({ ...e, wrappedKey: flip(e.wrappedKey, 20) })],
  ])("fails when the %s is tampered with", (_name, tamper) => {
    expect(errorCode(() => decryptSecret(tamper(env), binding, v1))).toBe("decrypt_failed");
  });

  it("fails when moved to another row or owner (AAD)", () => {
    expect(errorCode(() => decryptSecret(env, { ...binding, rowId: "row-2" }, v1))).toBe("decrypt_failed");
    expect(errorCode(() => decryptSecret(env, { ...binding, ownerId: "owner-2" }, v1))).toBe("decrypt_failed");
  });

  it("swapping wrapped keys between rows fails", () => {
    const other = encryptSecret("other", { rowId: "row-2", ownerId: "owner-1" }, v1);
    expect(errorCode(() => decryptSecret({ ...env, wrappedKey: other.wrappedKey }, binding, v1))).toBe(
      "decrypt_failed",
    );
  });

  it("names a missing master key version clearly", () => {
    try {
      decryptSecret(env, binding, v2only);
      throw new Error("should have failed");
    } catch (err) {
      expect(err).toBeInstanceOf(CryptoError);
      expect((err as CryptoError).code).toBe("master_key_version_missing");
      expect((err as Error).message).toMatch(/master key v1, which is not in KEYDESK_MASTER_KEYS/);
    }
  });

  it("rewraps to the current version without touching the secret ciphertext", () => {
    const rewrapped = rewrapDataKey(env, binding, both);
    expect(rewrapped.masterKeyVersion).toBe("v2");
    expect(rewrapped.ciphertext.equals(env.ciphertext)).toBe(true);
    expect(decryptSecret(rewrapped, binding, v2only)).toBe(SECRET);
    expect(rewrapDataKey(rewrapped, binding, both)).toBe(rewrapped);
  });
});

describe("parseKeyring", () => {
  it.each([
    ["v1:short", "v1", /32 bytes/],
    [`x1:${k1}`, "x1", /must look like v1/],
    [`v1:${k1},v1:${k2}`, "v1", /appears twice/],
    [`v1:${k1}`, "v2", /no key for v2/],
    ["", "v1", /empty/],
  ])("rejects %s (current %s)", (setting, current, message) => {
    expect(() => parseKeyring(setting, current)).toThrow(message);
  });
});
