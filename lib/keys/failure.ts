// What an exchange failure means for a key, in one place: the key status it earns, the message
// (catalogued in lib/i18n/messages, localized where it is shown); the troubleshooting section
// that explains it is ./troubleshooting.ts (safe in the browser). lib/keys/status.ts writes what this decides.
import type { ExchangeError } from "@/lib/exchange/errors";
import { isMessageKey, translator, type Locale, type MessageRef } from "@/lib/i18n";
import { exchangeMessage } from "@/lib/i18n/exchange-messages";

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
 * The person's message for an exchange failure, by key (stored in statusDetail, sent in errors,
 * put into words where it is shown). A refused IP names this server's address when it is known.
 */
export function keyFailureMessage(
  err: Pick<ExchangeError, "code" | "status" | "dialect" | "said">,
  egressIp: string | null,
): MessageRef {
  if (err.code !== "INVALID_IP_RESTRICTION") return exchangeMessage(err);
  return egressIp
    ? { key: "error.ipNotAllowedAt", values: { ip: egressIp, ip2: egressIp } }
    : { key: "error.ipNotAllowedHere" };
}

/** statusDetail holds the message as JSON: its key and values (never words in one language). */
export function storedDetail(message: MessageRef): string {
  return JSON.stringify(message);
}

/**
 * A stored statusDetail in `locale`. A row written before details were stored by key holds an
 * English sentence: English readers get it as it is, others nothing (the status says enough).
 */
export function detailText(stored: string, locale: Locale): string | null {
  try {
    const ref = JSON.parse(stored) as MessageRef;
    if (ref && typeof ref.key === "string" && isMessageKey(ref.key)) return translator(locale)(ref.key, ref.values);
  } catch {
    // not JSON: an English sentence from before
  }
  return locale === "en" ? stored : null;
}
