// Adding a key: decode and check its format, refuse duplicates, ask before a second key for an
// exchange account the owner already holds, apply the Trade/Withdraw
// policy (typed confirmation + fresh step-up), confirm it live with the exchange, then
// encrypt it (bound to its row and owner) and store it. The plaintext goes nowhere else.
import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { signInTakesTwoFactors } from "@/lib/factors/passkey-two-factor";
import type { CurrentUser } from "@/lib/sessions/session";
import { recordAudit } from "@/lib/audit/record";
import { decodeKeyClaims, KeyFormatError, looksLikePreFastKey, type KeyClaims } from "@/lib/exchange/claims";
import { getExchangeDialect } from "@/lib/env";
import { translator, type Locale } from "@/lib/i18n";
import { sealKeySecret, keyFragment } from "@/lib/keys/seal";
import { liveCheckKey, type LiveCheck } from "@/lib/keys/live-check";
import { keyStatusFromCheck } from "@/lib/keys/status";
import { WITHDRAW_CONFIRMATION, type AddKeyInput } from "@/lib/keys/schemas";
import { enqueueBackfill } from "@/lib/snapshots/backfill-queue";

export type AddKeyResult =
  | { ok: true; keyRowId: string; check: LiveCheck }
  | {
      ok: false;
      code: AddKeyFailure;
      message: string;
      field?: "key" | "label" | "confirmation" | "confirmTrade" | "password";
      existingKeyRowId?: string;
      /** same_account: the label of the owner's key for that exchange account. */
      existingLabel?: string;
      scopes?: string[];
      retryAfterSeconds?: number;
    };

export type AddKeyFailure =
  | "bad_format"
  | "duplicate"
  | "same_account"
  | "needs_confirmation"
  | "needs_trade_confirmation"
  | "needs_step_up"
  | "needs_two_factor"
  | "rejected_by_exchange"
  | "exchange_unavailable";

export interface AddKeyContext {
  user: CurrentUser;
  /** True when the user has a fresh step-up (or just re-entered the password correctly). */
  steppedUp: boolean;
  /** Seeding the offline demo only: the simulator's demo keys may skip the two-factor rule. */
  demoSeed?: boolean;
  requestId?: string;
  /** The viewer's language, for the messages that exist in both (default English). */
  locale?: Locale;
}

export async function addKeyForUser(ctx: AddKeyContext, input: AddKeyInput): Promise<AddKeyResult> {
  let claims: KeyClaims;
  const dialect = getExchangeDialect();
  const t = translator(ctx.locale ?? "en");
  try {
    claims = decodeKeyClaims(input.key, dialect);
  } catch (err) {
    if (err instanceof KeyFormatError) {
      await recordAudit({
        actorId: ctx.user.id,
        action: "key.add",
        outcome: "failure",
        detail: { reason: err.code },
        requestId: ctx.requestId,
      });
      return {
        ok: false,
        code: "bad_format",
        message: err.code === "wrong_dialect" ? t("keyError.wrong_dialect") : err.message,
        field: "key",
      };
    }
    throw err;
  }

  const existing = await db.apiKey.findUnique({
    where: { ownerId_keyId: { ownerId: ctx.user.id, keyId: claims.keyId } },
    select: { id: true, label: true },
  });
  if (existing) {
    return {
      ok: false,
      code: "duplicate",
      message: t("error.keyDuplicate", { label: existing.label }),
      field: "key",
      existingKeyRowId: existing.id,
    };
  }

  // Another key for an exchange account the owner already holds: it would count once anyway, so
  // ask whether they mean to replace the one they have (its Replace keeps history and shares).
  if (input.sameAccount !== "add") {
    const sibling = await db.apiKey.findFirst({
      where: { ownerId: ctx.user.id, accountId: claims.accountId },
      select: { id: true, label: true },
      orderBy: { createdAt: "desc" },
    });
    if (sibling) {
      return {
        ok: false,
        code: "same_account",
        message: t("addKey.sameAccount", { label: sibling.label }),
        field: "key",
        existingKeyRowId: sibling.id,
        existingLabel: sibling.label,
        scopes: claims.scopes,
      };
    }
  }

  const dangerous =
    claims.scopes.includes("TRADE") || claims.scopes.includes("WITHDRAW") || claims.unknownScopes.length > 0;
  // What is missing comes first (two-factor sign-in), then the confirmations, then the password.
  if (
    dangerous &&
    !ctx.demoSeed &&
    getEnv().KEYDESK_REQUIRE_2FA_FOR_TRADE &&
    !(await signInTakesTwoFactors(ctx.user.id))
  ) {
    await recordAudit({
      actorId: ctx.user.id,
      action: "key.add",
      outcome: "denied",
      detail: { reason: "two_factor_required", scopes: claims.scopes },
      requestId: ctx.requestId,
    });
    return {
      ok: false,
      code: "needs_two_factor",
      message: t("error.keyNeeds2fa"),
      field: "key",
      scopes: claims.scopes,
    };
  }
  if (claims.scopes.includes("WITHDRAW") && input.confirmation !== WITHDRAW_CONFIRMATION) {
    return {
      ok: false,
      code: "needs_confirmation",
      message: t("error.keyWithdrawConfirm", { word: WITHDRAW_CONFIRMATION }),
      field: "confirmation",
      scopes: claims.scopes,
    };
  }
  // A Trade key is confirmed as a Withdraw key is (a ticked box instead of a typed word), even
  // within a step-up window: storing it is never one click.
  if (
    claims.scopes.includes("TRADE") &&
    !claims.scopes.includes("WITHDRAW") &&
    !ctx.demoSeed &&
    input.confirmTrade !== "yes"
  ) {
    return {
      ok: false,
      code: "needs_trade_confirmation",
      message: t("addKey.needsTradeConfirmation"),
      field: "confirmTrade",
      scopes: claims.scopes,
    };
  }
  if (dangerous && !ctx.steppedUp) {
    return {
      ok: false,
      code: "needs_step_up",
      message: t("error.keyStepUp"),
      field: "password",
      scopes: claims.scopes,
    };
  }

  const check = await liveCheckKey(input.key, claims, ctx.user.id);
  if (check.outcome === "rejected") {
    // A pre-2023 Bitpanda Pro key refused by One Trading Fast: say it is a key for the old API.
    // A key whose account lives on the other API (INVALID_SUBJECT), or a pre-2023 Bitpanda Pro
    // key refused by One Trading Fast: say it is a key for the other dialect.
    const otherDialect = check.code === "INVALID_SUBJECT";
    const preFast = !otherDialect && check.status === "invalid" && looksLikePreFastKey(claims, dialect);
    await recordAudit({
      actorId: ctx.user.id,
      action: "key.add",
      outcome: "failure",
      detail: {
        reason: check.code,
        ...(otherDialect || preFast ? { dialect: otherDialect ? "other_dialect" : "pre_fast_key" } : {}),
      },
      requestId: ctx.requestId,
    });
    const message = otherDialect
      ? t(`keyError.other_dialect.${dialect}`)
      : preFast
        ? t("keyError.pre_fast_key")
        : t(check.message.key, check.message.values);
    return { ok: false, code: "rejected_by_exchange", message, field: "key" };
  }
  if (check.outcome === "unavailable") {
    return {
      ok: false,
      code: "exchange_unavailable",
      message: t(check.message.key, check.message.values),
      retryAfterSeconds: check.retryAfterSeconds,
    };
  }

  const rowId = randomUUID().replace(/-/g, "");
  const sealed = sealKeySecret(input.key, { rowId, ownerId: ctx.user.id });
  const now = new Date();
  await db.apiKey.create({
    data: {
      id: rowId,
      ownerId: ctx.user.id,
      label: input.label,
      keyId: claims.keyId,
      accountId: claims.accountId,
      scopes: [...claims.scopes, ...claims.unknownScopes],
      ips: claims.ips,
      issuedAt: claims.issuedAt ? new Date(claims.issuedAt) : null,
      fragment: keyFragment(input.key),
      ...keyStatusFromCheck(check, now),
      secretCiphertext: sealed.ciphertext,
      secretWrappedKey: sealed.wrappedKey,
      masterKeyVersion: sealed.masterKeyVersion,
    },
  });
  await recordAudit({
    actorId: ctx.user.id,
    action: "key.add",
    outcome: "success",
    keyRef: rowId,
    keyLabel: input.label,
    detail: { scopes: claims.scopes, ips: claims.ips.length, verified: check.outcome === "verified" },
    requestId: ctx.requestId,
  });
  // Its value history before today, rebuilt in the background (never fails the add).
  await enqueueBackfill(rowId);
  return { ok: true, keyRowId: rowId, check };
}
