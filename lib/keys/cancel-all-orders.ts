// Cancel all open orders of a key (a key with Trade), for its owner only, after step-up and,
// when the owner has two-factor sign-in on, a current code. Through the upstream gate at
// interactive priority; works on a stopped key too (that is when it is needed). Every attempt
// is audited; the answer is the exchange's list of cancelled order ids.
import "server-only";
import type { CurrentUser } from "@/lib/sessions/session";
import { isTotpEnabled, verifySecondFactor } from "@/lib/factors/totp";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { ExchangeError } from "@/lib/exchange/errors";
import { translator, type Locale } from "@/lib/i18n";
import { exchangeMessage } from "@/lib/i18n/exchange-messages";
import { getKeyRowForOwner } from "@/lib/keys/queries";
import { BudgetExceededError } from "@/lib/limiter";
import { checkKeyThroughGate } from "@/lib/keys/gate-check";

export type CancelAllFailure = "needs_step_up" | "needs_two_factor" | "wrong_code" | "no_trade" | "exchange_failed";

export type CancelAllResult =
  | { ok: true; cancelled: string[] }
  | { ok: false; code: CancelAllFailure; message: string; field: "password" | "code" | "form" };

export async function cancelAllOrdersForOwner(
  ctx: { user: CurrentUser; steppedUp: boolean; code?: string; locale?: Locale; requestId?: string },
  keyRowId: string,
): Promise<CancelAllResult> {
  const t = translator(ctx.locale ?? "en");
  const row = await getKeyRowForOwner(ctx.user, keyRowId); // member: forbidden; anyone else: not_found
  const audit = (outcome: "success" | "failure" | "denied", detail: Record<string, unknown>) =>
    recordAudit({
      actorId: ctx.user.id,
      action: "orders.cancel_all",
      outcome,
      keyRef: row.id,
      keyLabel: row.label,
      detail: detail as never,
      requestId: ctx.requestId,
    });
  const refuse = async (code: CancelAllFailure, message: string, field: "password" | "code" | "form") => {
    await audit(code === "exchange_failed" ? "failure" : "denied", { reason: code });
    return { ok: false as const, code, message, field };
  };
  if (!row.scopes.includes("TRADE")) return refuse("no_trade", t("cancel.noTrade"), "form");
  if (!ctx.steppedUp) return refuse("needs_step_up", t("cancel.needsStepUp"), "password");
  if (await isTotpEnabled(ctx.user.id)) {
    if (!ctx.code) return refuse("needs_two_factor", t("cancel.needsCode"), "code");
    if (!(await verifySecondFactor(ctx.user.id, ctx.code))) return refuse("wrong_code", t("cancel.wrongCode"), "code");
  }
  try {
    const cancelled = await checkKeyThroughGate({ stored: row }, ctx.user.id, "cancel_all");
    await audit("success", { cancelled, count: cancelled.length });
    return { ok: true, cancelled };
  } catch (err) {
    if (err instanceof ExchangeError)
      return refuse("exchange_failed", t("cancel.failed", { message: exchangeMessage(err) }), "form");
    if (err instanceof BudgetExceededError)
      throw new AppError("rate_limited", "cancel.failed", {
        values: { message: "rate limited" },
        retryAfterSeconds: Math.ceil(err.retryAfterMs / 1000),
      });
    throw err;
  }
}
