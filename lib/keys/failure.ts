// What an exchange failure means for a key, in one place: the key status it earns, the message
// (catalogued in lib/i18n/messages, localized where it is shown); the troubleshooting section
// that explains it is ./troubleshooting.ts (safe in the browser). lib/keys/status.ts writes what this decides.
import type { ExchangeError } from "@/lib/exchange/errors";
import { translator } from "@/lib/i18n";

/** The statuses that say the exchange refused the key itself (its reads stop until checked again). */
const REFUSED_KEY_STATUSES = ["revoked", "ip_blocked", "invalid"] as const;
export type RefusedKeyStatus = (typeof REFUSED_KEY_STATUSES)[number];

export function isRefusedKeyStatus(status: string): status is RefusedKeyStatus {
  return (REFUSED_KEY_STATUSES as readonly string[]).includes(status);
}

/** The key status an exchange failure earns, or null when it says nothing about the key. */
export function keyStatusForFailure(err: Pick<ExchangeError, "code" | "kind">): RefusedKeyStatus | null {
  // The exchange's own trouble says nothing about the key (and a refused status stops its reads).
  if (err.code === "INTERNAL_ERROR") return null;
  if (err.code === "APIKEY_REVOKED") return "revoked";
  if (err.code === "INVALID_IP_RESTRICTION") return "ip_blocked";
  if (err.kind === "auth" || err.kind === "permission") return "invalid";
  return null;
}

/**
 * The person's message for an exchange failure (English, as stored in statusDetail and sent in
 * errors; the catalog translates it). A refused IP names this server's address when it is known.
 */
export function keyFailureMessage(err: Pick<ExchangeError, "code" | "userMessage">, egressIp: string | null): string {
  if (err.code !== "INVALID_IP_RESTRICTION") return err.userMessage;
  const t = translator("en");
  return egressIp ? t("error.ipNotAllowedAt", { ip: egressIp, ip2: egressIp }) : t("error.ipNotAllowedHere");
}
