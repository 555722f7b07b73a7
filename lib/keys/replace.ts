// Replacing a key in place: the owner pastes the key's successor. It must be for the same
// exchange account with the same or fewer permissions, and the exchange must accept it. It is
// sealed under the same row (label, shares, hidden-amount/export settings, audit history and
// cached data stay, so members see no interruption) and the old ciphertext is overwritten.
import "server-only";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { signInTakesTwoFactors } from "@/lib/factors/passkey-two-factor";
import type { CurrentUser } from "@/lib/sessions/session";
import { recordAudit } from "@/lib/audit/record";
import { decodeKeyClaims, KeyFormatError, type KeyClaims } from "@/lib/exchange/claims";
import { getExchangeDialect } from "@/lib/env";
import { translator, type Locale } from "@/lib/i18n";
import { getKeyRowForOwner } from "@/lib/keys/queries";
import { sealKeySecret, keyFragment } from "@/lib/keys/seal";
import { liveCheckKey } from "@/lib/keys/live-check";
import { keyStatusFromCheck } from "@/lib/keys/status";
import { getGate } from "@/lib/limiter/instance";
import { clearAlert, raiseEvent, raiseQuietly } from "@/lib/alerts/raise";
import { peopleOfKey } from "@/lib/keys/emergency-stop";

export type ReplaceFailure =
  | "bad_format"
  | "same_key"
  | "other_account"
  | "wider_scopes"
  | "duplicate"
  | "needs_step_up"
  | "needs_two_factor"
  | "rejected_by_exchange"
  | "exchange_unavailable";

export type ReplaceKeyResult =
  | { ok: true; keyRowId: string; verified: boolean }
  | { ok: false; code: ReplaceFailure; message: string; field: "key" | "password"; retryAfterSeconds?: number };

export interface ReplaceKeyContext {
  user: CurrentUser;
  steppedUp: boolean;
  requestId?: string;
  locale?: Locale;
}

/** The scopes of `next` that `current` lacks (unknown scopes count as wider). */
export function widerScopes(current: readonly string[], next: readonly string[]): string[] {
  return next.filter((s) => !current.includes(s));
}

export async function replaceKeyForOwner(
  ctx: ReplaceKeyContext,
  keyRowId: string,
  newKey: string,
): Promise<ReplaceKeyResult> {
  const row = await getKeyRowForOwner(ctx.user, keyRowId);
  const t = translator(ctx.locale ?? "en");
  const deny = async (code: ReplaceFailure, message: string, detail: Record<string, unknown> = {}) => {
    await recordAudit({
      actorId: ctx.user.id,
      action: "key.replace",
      outcome: "failure",
      keyRef: row.id,
      keyLabel: row.label,
      detail: { reason: code, ...detail },
      requestId: ctx.requestId,
    });
    return {
      ok: false as const,
      code,
      message,
      field: code === "needs_step_up" ? ("password" as const) : ("key" as const),
    };
  };
  if (!ctx.steppedUp) return { ok: false, code: "needs_step_up", message: t("replace.needsStepUp"), field: "password" };

  let claims: KeyClaims;
  try {
    claims = decodeKeyClaims(newKey, getExchangeDialect());
  } catch (err) {
    if (!(err instanceof KeyFormatError)) throw err;
    return deny("bad_format", err.code === "wrong_dialect" ? t("keyError.wrong_dialect") : err.message);
  }
  if (claims.keyId === row.keyId) return deny("same_key", t("replace.sameKey"));
  if (claims.accountId !== row.accountId) {
    return deny(
      "other_account",
      t("replace.otherAccount", { newAccount: claims.accountId.slice(-4), oldAccount: row.accountId.slice(-4) }),
    );
  }
  const nextScopes = [...claims.scopes, ...claims.unknownScopes];
  const wider = widerScopes(row.scopes, nextScopes);
  if (wider.length > 0) return deny("wider_scopes", t("replace.widerScopes", { scopes: wider.join(", ") }), { wider });
  const clash = await db.apiKey.findUnique({
    where: { ownerId_keyId: { ownerId: ctx.user.id, keyId: claims.keyId } },
    select: { label: true },
  });
  if (clash) return deny("duplicate", t("replace.duplicate", { label: clash.label }));
  const dangerous = nextScopes.some((s) => s !== "READ_ONLY");
  if (dangerous && getEnv().KEYDESK_REQUIRE_2FA_FOR_TRADE && !(await signInTakesTwoFactors(ctx.user.id))) {
    return deny("needs_two_factor", t("replace.needsTwoFactor"));
  }

  // Not tied to the stored row: a refused successor leaves the stored key's state alone.
  const check = await liveCheckKey(newKey, claims, ctx.user.id);
  if (check.outcome === "rejected")
    return deny("rejected_by_exchange", t(check.message.key, check.message.values), { code: check.code });
  if (check.outcome === "unavailable") {
    return {
      ok: false,
      code: "exchange_unavailable",
      message: t(check.message.key, check.message.values),
      field: "key",
      retryAfterSeconds: check.retryAfterSeconds,
    };
  }

  // Same row and owner, so the envelope binding is unchanged; the old ciphertext and wrapped
  // data key are overwritten in the same statement that records the new key's claims.
  const sealed = sealKeySecret(newKey, { rowId: row.id, ownerId: row.ownerId });
  const now = new Date();
  const verified = check.outcome === "verified";
  await db.apiKey.update({
    where: { id: row.id },
    data: {
      keyId: claims.keyId,
      scopes: nextScopes,
      ips: claims.ips,
      issuedAt: claims.issuedAt ? new Date(claims.issuedAt) : null,
      fragment: keyFragment(newKey),
      ...keyStatusFromCheck(check, now),
      secretCiphertext: sealed.ciphertext,
      secretWrappedKey: sealed.wrappedKey,
      masterKeyVersion: sealed.masterKeyVersion,
      // Replace is the only way back from an emergency stop.
      stoppedAt: null,
      stoppedById: null,
    },
  });
  // A failure the old key left (revoked, IP not allowed) ends on every instance; cached data
  // of the same account stays, so members reading the key see no interruption.
  if (verified || row.status === "stopped") await getGate().keys.cleared(row.id);
  await recordAudit({
    actorId: ctx.user.id,
    action: "key.replace",
    outcome: "success",
    keyRef: row.id,
    keyLabel: row.label,
    detail: {
      scopes: nextScopes,
      previousScopes: row.scopes,
      previousStatus: row.status,
      status: verified ? "active" : "unchecked",
      ips: claims.ips.length,
    },
    requestId: ctx.requestId,
  });
  // Replace ends a stop and a refusal: those alerts may go out again; everyone hears of it.
  await raiseQuietly(async () => {
    await clearAlert(row.id, ["key_stopped", "key_refused", "key_failing"]);
    await raiseEvent(await peopleOfKey(row.id, row.ownerId), "key_replaced", { keyRef: row.id, keyLabel: row.label });
  });
  return { ok: true, keyRowId: row.id, verified };
}
