// Confirms a key with the exchange by one read call (balances), through the upstream gate:
// it counts on the IP and user layers and on the user's key checks (a key never accepted has
// no account, so no account's budget or cool-down is touched). Keys without Read cannot be
// confirmed: every GET needs Read, and Keydesk never calls a write endpoint to test a key.
import "server-only";
import { BudgetExceededError } from "@/lib/limiter";
import { checkKeyThroughGate } from "@/lib/keys/gate-check";
import { gateRefusalMessage } from "@/lib/limiter/refusal";
import { ExchangeError } from "@/lib/exchange/errors";
import type { KeyClaims } from "@/lib/exchange/claims";
import { keyStatusForFailure, type RefusedKeyStatus } from "@/lib/keys/failure";
import { messageForExchangeError } from "@/lib/keys/status";
import type { MessageRef } from "@/lib/i18n";

export type LiveCheck =
  | { outcome: "verified"; checkedAt: string }
  | { outcome: "unverifiable"; message: MessageRef }
  | { outcome: "rejected"; code: string; status: RefusedKeyStatus; message: MessageRef }
  | { outcome: "unavailable"; code: string; message: MessageRef; retryAfterSeconds?: number };

export async function liveCheckKey(key: string, claims: KeyClaims, userId: string): Promise<LiveCheck> {
  if (!claims.scopes.includes("READ_ONLY")) {
    return {
      outcome: "unverifiable",
      message: { key: "error.keyNoReadCheck" },
    };
  }
  try {
    await checkKeyThroughGate({ plaintext: key }, userId);
    return { outcome: "verified", checkedAt: new Date().toISOString() };
  } catch (err) {
    if (err instanceof BudgetExceededError) {
      return {
        outcome: "unavailable",
        code: err.reason === "key_checks" ? "KEY_CHECKS_EXHAUSTED" : "UPSTREAM_BUDGET",
        message: gateRefusalMessage(err),
        retryAfterSeconds: Math.max(1, Math.ceil(err.retryAfterMs / 1000)),
      };
    }
    if (!(err instanceof ExchangeError)) throw err;
    const status = keyStatusForFailure(err);
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
