// Confirms a key with the exchange by one read call (balances). Keys without Read cannot
// be confirmed: every GET needs Read, and Keydesk never calls a write endpoint to test a key.
import "server-only";
import { getExchangeClient } from "@/lib/exchange/instance";
import { ExchangeError } from "@/lib/exchange/errors";
import type { KeyClaims } from "@/lib/exchange/claims";
import { getEgressIp } from "@/lib/keys/egress";

export type LiveCheck =
  | { outcome: "verified"; checkedAt: string }
  | { outcome: "unverifiable"; message: string }
  | { outcome: "rejected"; code: string; status: "revoked" | "ip_blocked" | "invalid"; message: string }
  | { outcome: "unavailable"; code: string; message: string; retryAfterSeconds?: number };

export async function messageForExchangeError(err: ExchangeError): Promise<string> {
  if (err.code === "INVALID_IP_RESTRICTION") {
    const ip = await getEgressIp();
    return ip
      ? `This server's IP address (${ip}) is not on the key's IP allow-list, so the exchange refuses it. Create a key whose allow-list includes ${ip}, or one without an IP restriction.`
      : "This server's IP address is not on the key's IP allow-list, so the exchange refuses it. Create a key whose allow-list includes this server's public address.";
  }
  return err.userMessage;
}

export function statusForExchangeError(err: ExchangeError): "revoked" | "ip_blocked" | "invalid" | null {
  if (err.code === "APIKEY_REVOKED") return "revoked";
  if (err.code === "INVALID_IP_RESTRICTION") return "ip_blocked";
  if (err.kind === "auth" || err.kind === "permission") return "invalid";
  return null;
}

export async function liveCheckKey(key: string, claims: KeyClaims): Promise<LiveCheck> {
  if (!claims.scopes.includes("READ_ONLY")) {
    return {
      outcome: "unverifiable",
      message: "This key has no Read permission, so Keydesk can't confirm it with the exchange or show its balances and history.",
    };
  }
  try {
    await getExchangeClient().getBalances(key);
    return { outcome: "verified", checkedAt: new Date().toISOString() };
  } catch (err) {
    if (!(err instanceof ExchangeError)) throw err;
    const status = statusForExchangeError(err);
    const message = await messageForExchangeError(err);
    if (status) return { outcome: "rejected", code: err.code, status, message };
    return {
      outcome: "unavailable",
      code: err.code,
      message,
      retryAfterSeconds: err.retryAfterMs ? Math.ceil(err.retryAfterMs / 1000) : undefined,
    };
  }
}
