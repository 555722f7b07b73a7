// How the gate treats each upstream failure (its classifier, set once in ./instance.ts): what
// stale label it earns, whether the exchange imposed a cool-down, what it means for the key.
import "server-only";
import { ExchangeError } from "@/lib/exchange/errors";
import { AppError } from "@/lib/errors";
import type { MessageRef } from "@/lib/i18n";
import { exchangeMessage } from "@/lib/i18n/exchange-messages";
import type { UpstreamFailure } from "./types";
import type { KeyFailure } from "./key-states";

/** Auth answers that say nothing about the key itself (the exchange's own trouble). */
const TRANSIENT_AUTH = new Set(["INTERNAL_ERROR"]);

/** A key's stored status, when it says the exchange refused the key: the failure to honour on every instance. */
export function failureFromStatus(status: string): KeyFailure | null {
  if (status === "revoked") return { reason: "key_revoked", code: "APIKEY_REVOKED", at: Date.now() };
  if (status === "ip_blocked") return { reason: "key_rejected", code: "INVALID_IP_RESTRICTION", at: Date.now() };
  if (status === "invalid") return { reason: "key_rejected", code: "INVALID_APIKEY", at: Date.now() };
  return null;
}

export function classifyUpstream(err: unknown): UpstreamFailure | null {
  if (!(err instanceof ExchangeError)) return null;
  switch (err.kind) {
    case "rate_limited":
      return {
        staleReason: "rate_limited",
        serveStale: true,
        cooldown: { kind: "account", ms: err.retryAfterMs ?? 60_000 },
      };
    case "ip_blocked":
      return {
        staleReason: "ip_blocked",
        serveStale: true,
        cooldown: { kind: "ip", ms: err.retryAfterMs ?? 3_600_000 },
      };
    case "unavailable":
      return {
        staleReason:
          err.code === "upstream_unreachable" || err.code === "upstream_timeout"
            ? "upstream_unreachable"
            : "upstream_error",
        serveStale: true,
      };
    case "bad_response":
      return { staleReason: "upstream_error", serveStale: true };
    case "auth":
    case "permission":
      // The key itself was refused: it reads nothing more (not even what other keys fetch) until checked again.
      return {
        staleReason: err.code === "APIKEY_REVOKED" ? "key_revoked" : "key_rejected",
        serveStale: true,
        ...(TRANSIENT_AUTH.has(err.code) ? {} : { keyFailure: { code: err.code } }),
      };
    default:
      return null;
  }
}

/** The AppError a read answers for an exchange failure; `message` by key (lib/i18n/exchange-messages.ts). */
export function appErrorFromUpstream(err: ExchangeError, message: MessageRef = exchangeMessage(err)): AppError {
  const retryAfterSeconds = err.retryAfterMs ? Math.ceil(err.retryAfterMs / 1000) : undefined;
  const { key, values } = message;
  switch (err.kind) {
    case "rate_limited":
    case "ip_blocked":
      return new AppError("rate_limited", key, { values, reason: err.code, retryAfterSeconds });
    case "auth":
    case "permission":
      return new AppError("upstream_error", key, { values, reason: err.code });
    case "bad_request":
      return new AppError("bad_request", key, { values, reason: err.code });
    case "not_found":
      return new AppError("not_found", key, { values, reason: err.code });
    default:
      return new AppError("upstream_unavailable", key, { values, reason: err.code, retryAfterSeconds: 10 });
  }
}
