// The viewer's words (EN/DE) for a call the upstream gate refused: too many key checks,
// pacing, this server's IP blocked by the exchange, the account throttled. By key: they are
// put into words where they are shown.
import "server-only";
import { AppError } from "@/lib/errors";
import type { MessageRef } from "@/lib/i18n";
import type { BudgetExceededError } from "@/lib/limiter";

export function gateRefusalMessage(err: BudgetExceededError): MessageRef {
  const n = Math.max(1, Math.ceil(err.retryAfterMs / 1000));
  if (err.reason === "key_checks") return { key: "gate.keyChecks", values: { n } };
  if (err.reason === "ip_blocked") return { key: "gate.ipBlocked", values: { n } };
  if (err.reason === "account_cooldown") return { key: "gate.accountCooldown", values: { n } };
  return { key: "gate.pacing", values: { n } };
}

export async function appErrorFromRefusal(err: BudgetExceededError): Promise<AppError> {
  const message = gateRefusalMessage(err);
  return new AppError("rate_limited", message.key, {
    values: message.values,
    reason: err.reason,
    retryAfterSeconds: Math.max(1, Math.ceil(err.retryAfterMs / 1000)),
  });
}
