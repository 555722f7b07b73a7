// The one mapping from an exchange failure to a key's status, message and help section.
import { ExchangeError } from "@/lib/exchange/errors";
import { isRefusedKeyStatus, keyFailureMessage, keyStatusForFailure } from "@/lib/keys/failure";
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
  const ip = new ExchangeError("INVALID_IP_RESTRICTION", 401);
  expect(keyFailureMessage(ip, "203.0.113.7")).toContain("(203.0.113.7)");
  expect(keyFailureMessage(ip, "203.0.113.7")).toContain("includes 203.0.113.7,");
  expect(keyFailureMessage(ip, null)).toMatch(/this server's public address\.$/);
  const revoked = new ExchangeError("APIKEY_REVOKED", 401);
  expect(keyFailureMessage(revoked, "203.0.113.7")).toBe(revoked.userMessage);
});

it("links each failure and refused status to its troubleshooting section", () => {
  expect(troubleshootingHref("APIKEY_REVOKED")).toBe("/help/troubleshooting#revoked");
  expect(troubleshootingHref(undefined, "rate_limited")).toBe("/help/troubleshooting#rate-limit");
  expect(troubleshootingHref("ip_blocked")).toBe("/help/troubleshooting#ip-restriction");
  expect(troubleshootingHref("SOMETHING_ELSE", "internal")).toBe("/help/troubleshooting");
});
