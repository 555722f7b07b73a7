// The viewer's words (EN/DE) for a call the upstream gate refused: too many key checks,
// pacing, this server's IP blocked by the exchange, the account throttled.
import "server-only";
import { AppError } from "@/lib/errors";
import { translator, type Locale } from "@/lib/i18n";
import type { BudgetExceededError } from "@/lib/limiter";

async function viewerLocale(): Promise<Locale> {
  try {
    const { getLocale } = await import("@/lib/i18n/server");
    return await getLocale();
  } catch {
    return "en"; // outside a request (CLI, tests)
  }
}

export async function gateRefusalMessage(err: BudgetExceededError): Promise<string> {
  const t = translator(await viewerLocale());
  const n = Math.max(1, Math.ceil(err.retryAfterMs / 1000));
  if (err.reason === "key_checks") return t("gate.keyChecks", { n });
  if (err.reason === "ip_blocked") return t("gate.ipBlocked", { n });
  if (err.reason === "account_cooldown") return t("gate.accountCooldown", { n });
  return t("gate.pacing", { n });
}

export async function appErrorFromRefusal(err: BudgetExceededError): Promise<AppError> {
  return new AppError("rate_limited", await gateRefusalMessage(err), {
    reason: err.reason,
    retryAfterSeconds: Math.max(1, Math.ceil(err.retryAfterMs / 1000)),
  });
}
