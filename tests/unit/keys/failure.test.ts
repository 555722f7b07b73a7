// The one mapping from an exchange failure to a key's status, message and help section.
import { ExchangeError } from "@/lib/exchange/errors";
import {
  detailText,
  isRefusedKeyStatus,
  keyFailureMessage,
  keyStatusForFailure,
  storedDetail,
} from "@/lib/keys/failure";
import { translator } from "@/lib/i18n";
import { troubleshootingHref } from "@/lib/keys/troubleshooting";

it("maps refusals of the key itself to a status, and the exchange's own trouble to none", () => {
  expect(keyStatusForFailure(new ExchangeError("APIKEY_REVOKED", 401))).toBe("revoked");
  expect(keyStatusForFailure(new ExchangeError("INVALID_IP_RESTRICTION", 401))).toBe("ip_blocked");
  expect(keyStatusForFailure(new ExchangeError("INVALID_APIKEY", 401))).toBe("invalid");
  expect(keyStatusForFailure(new ExchangeError("MISSING_PERMISSION", 403))).toBe("invalid");
  expect(keyStatusForFailure(new ExchangeError("INTERNAL_ERROR", 401))).toBeNull();
  expect(keyStatusForFailure(new ExchangeError("RATELIMIT", 429))).toBeNull();
  expect(keyStatusForFailure(new ExchangeError("SERVICE_UNAVAILABLE", 503))).toBeNull();
  expect(["revoked", "ip_blocked", "invalid", "active", "unchecked"].map(isRefusedKeyStatus)).toEqual([
    true,
    true,
    true,
    false,
    false,
  ]);
});

it("names this server's address in the message for a refused IP when it is known", () => {
  const en = (m: ReturnType<typeof keyFailureMessage>) => translator("en")(m.key, m.values);
  const ip = new ExchangeError("INVALID_IP_RESTRICTION", 401);
  expect(en(keyFailureMessage(ip, "203.0.113.7"))).toContain("(203.0.113.7)");
  expect(en(keyFailureMessage(ip, "203.0.113.7"))).toContain("includes 203.0.113.7,");
  expect(en(keyFailureMessage(ip, null))).toMatch(/this server's public address\.$/);
  const revoked = new ExchangeError("APIKEY_REVOKED", 401);
  expect(en(keyFailureMessage(revoked, "203.0.113.7"))).toBe(revoked.userMessage);
});

it("stores a key's failure by key and shows it in the reader's language", () => {
  const stored = storedDetail(keyFailureMessage(new ExchangeError("INVALID_IP_RESTRICTION", 401), "203.0.113.7"));
  expect(stored).not.toMatch(/allow-list/);
  expect(detailText(stored, "en")).toMatch(/^This server's IP address \(203\.0\.113\.7\) is not on/);
  expect(detailText(stored, "de")).toContain("(203.0.113.7)");
  expect(detailText(stored, "de")).not.toMatch(/server's|allow-list/);
  // A row from before: English as it is, nothing in another language.
  expect(detailText("The exchange says this key has expired. Create a new one.", "en")).toMatch(/^The exchange says/);
  expect(detailText("The exchange says this key has expired. Create a new one.", "de")).toBeNull();
});

it("links each failure and refused status to its troubleshooting section", () => {
  expect(troubleshootingHref("APIKEY_REVOKED")).toBe("/help/troubleshooting#revoked");
  expect(troubleshootingHref(undefined, "rate_limited")).toBe("/help/troubleshooting#rate-limit");
  expect(troubleshootingHref("ip_blocked")).toBe("/help/troubleshooting#ip-restriction");
  expect(troubleshootingHref("SOMETHING_ELSE", "internal")).toBe("/help/troubleshooting");
});
