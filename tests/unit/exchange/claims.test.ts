import { canonicalIp, decodeKeyClaims, isIpAllowed, KeyFormatError, type KeyFormatCode } from "@/lib/exchange/claims";
import { b64url, fakeKey } from "../../helpers/fake-keys";

function codeOf(input: string): KeyFormatCode | "none" {
  try {
    decodeKeyClaims(input);
    return "none";
  } catch (err) {
    if (err instanceof KeyFormatError) return err.code;
    throw err;
  }
}

describe("decodeKeyClaims", () => {
  it("decodes a 2023+ key with ach and unescaped slashes", () => {
    const { key, account, jti } = fakeKey({
      scopes: ["WITHDRAW", "READ_ONLY", "TRADE"],
      ips: ["203.0.113.10", "2001:db8::1"],
    });
    const c = decodeKeyClaims(key);
    expect(c.accountId).toBe(account);
    expect(c.holderId).toBe(account);
    expect(c.keyId).toBe(jti);
    expect(c.scopes.sort()).toEqual(["READ_ONLY", "TRADE", "WITHDRAW"]);
    expect(c.ips).toEqual(["203.0.113.10", "2001:db8::1"]);
    expect(c.issuedAt).toBe("2023-05-16T16:56:25.000Z");
  });

  it("decodes a 2020-style key with escaped slashes and no ach", () => {
    const { key, account } = fakeKey({ escapeSlashes: true, withAch: false });
    expect(key.split(".")[1]).not.toBe(fakeKey({ withAch: false }).key.split(".")[1]);
    const c = decodeKeyClaims(key);
    expect(c.accountId).toBe(account);
    expect(c.holderId).toBeNull();
  });

  it("tolerates whitespace and line breaks from copy-paste", () => {
    const { key, jti } = fakeKey();
    expect(decodeKeyClaims(`  ${key.slice(0, 40)}\n${key.slice(40)}  `).keyId).toBe(jti);
  });

  it("keeps unknown scopes apart", () => {
    const c = decodeKeyClaims(fakeKey({ scopes: ["READ_ONLY", "SUBACCOUNT_TRANSFER"] }).key);
    expect(c.scopes).toEqual(["READ_ONLY"]);
    expect(c.unknownScopes).toEqual(["SUBACCOUNT_TRANSFER"]);
  });

  const good = fakeKey().key;
  const [h, p, s] = good.split(".") as [string, string, string];
  it.each<[string, string, KeyFormatCode]>([
    ["empty", "", "empty"],
    ["whitespace only", "  \n ", "empty"],
    ["huge", "a".repeat(9000), "too_long"],
    ["two parts", `${h}.${p}`, "not_a_jwt"],
    ["four parts", `${good}.x`, "not_a_jwt"],
    ["empty part", `${h}..${s}`, "not_a_jwt"],
    ["bad base64", `${h}.${p}*%.${s}`, "bad_encoding"],
    ["bad signature chars", `${h}.${p}.ab/c+`, "bad_encoding"],
    ["non-JSON payload", `${h}.${b64url("not json")}.${s}`, "bad_json"],
    ["JSON array payload", `${h}.${b64url("[1,2]")}.${s}`, "bad_json"],
    ["another issuer's JWT header", fakeKey({ header: { alg: "HS256", typ: "JWT" } }).key, "wrong_exchange"],
    ["wrong issuer", fakeKey({ payload: { iss: "https://accounts.google.com" } }).key, "wrong_issuer"],
    ["wrong audience", fakeKey({ payload: { aud: ["https://api.kraken.com"] } }).key, "wrong_audience"],
    ["missing sub", fakeKey({ payload: { sub: undefined } }).key, "missing_claims"],
    ["missing scopes", fakeKey({ payload: { scp: "READ_ONLY" } }).key, "missing_claims"],
  ])("%s → %s", (_name, input, code) => {
    expect(codeOf(input)).toBe(code);
  });

  it("never echoes the input in an error", () => {
    const secretish = `${h}.${b64url("not json SECRET-MARKER")}.${s}`;
    try {
      decodeKeyClaims(secretish);
    } catch (err) {
      expect(String((err as Error).message)).not.toContain("SECRET");
      expect(String((err as Error).message)).not.toContain(s.slice(0, 20));
    }
    expect.assertions(2);
  });
});

describe("IP allow-list", () => {
  it("canonicalises IPv6 forms", () => {
    expect(canonicalIp("2001:DB8::1")).toBe(canonicalIp("2001:0db8:0000:0000:0000:0000:0000:0001"));
    expect(canonicalIp("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(canonicalIp("not an ip")).toBeNull();
  });

  it("answers unrestricted / allowed / blocked / unknown", () => {
    expect(isIpAllowed([], "192.0.2.1")).toBe("unrestricted");
    expect(isIpAllowed(["192.0.2.1"], null)).toBe("unknown");
    expect(isIpAllowed(["192.0.2.1", "2001:db8::1"], "2001:db8:0:0::1")).toBe("allowed");
    expect(isIpAllowed(["192.0.2.1"], "192.0.2.2")).toBe("blocked");
  });
});
