import { createCacheCipher, deriveCacheKey } from "@/lib/crypto/cache-cipher";
import { parseKeyring } from "@/lib/crypto/keyring";

const k1 = Buffer.alloc(32, 1).toString("base64");
const k2 = Buffer.alloc(32, 2).toString("base64");

describe("cache cipher (Redis values at rest)", () => {
  const v1 = createCacheCipher(parseKeyring(`v1:${k1}`, "v1"));

  it("round-trips, names its version, and never shows the plaintext", () => {
    const sealed = v1.seal("key1|balances|", '{"data":{"available":"12.5"}}');
    expect(sealed).toMatch(/^c1\.v1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain("available");
    expect(v1.open("key1|balances|", sealed)).toBe('{"data":{"available":"12.5"}}');
    expect(v1.seal("k|e|", "x")).not.toBe(v1.seal("k|e|", "x")); // random IV
  });

  it("a value moved to another cache key, tampered with or under an unknown version is a miss", () => {
    const sealed = v1.seal("key1|balances|", "secret");
    expect(v1.open("key2|balances|", sealed)).toBeNull();
    const raw = Buffer.from(sealed.split(".")[2]!, "base64url");
    raw[raw.length - 1]! ^= 1;
    expect(v1.open("key1|balances|", `c1.v1.${raw.toString("base64url")}`)).toBeNull();
    expect(v1.open("key1|balances|", sealed.replace("c1.v1.", "c1.v9."))).toBeNull();
    expect(v1.open("key1|balances|", '{"data":1}')).toBeNull();
  });

  it("rotates with the keyring: new values under the new version, old ones still open until the old version goes", () => {
    const old = v1.seal("k|balances|", "old");
    const rotated = createCacheCipher(parseKeyring(`v2:${k2},v1:${k1}`, "v2"));
    expect(rotated.seal("k|balances|", "new")).toMatch(/^c1\.v2\./);
    expect(rotated.open("k|balances|", old)).toBe("old");
    const dropped = createCacheCipher(parseKeyring(`v2:${k2}`, "v2"));
    expect(dropped.open("k|balances|", old)).toBeNull();
  });

  it("the cache key is derived for its purpose: not the master key itself", () => {
    expect(deriveCacheKey(Buffer.alloc(32, 1)).equals(Buffer.alloc(32, 1))).toBe(false);
    expect(deriveCacheKey(Buffer.alloc(32, 1))).toHaveLength(32);
  });
});
