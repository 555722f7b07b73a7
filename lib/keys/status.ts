// A key's status and last use have one writer: this module. The stored status follows what the
// exchange said last (active / revoked / IP blocked / invalid, as lib/keys/failure.ts maps it);
// reads, "check again", adding and replacing a key and the emergency stop all record it here; a
// stopped key stays stopped whatever finishes after the stop. Audits a status change.
import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/sessions/session";
import { recordAudit } from "@/lib/audit/record";
import type { ExchangeError } from "@/lib/exchange/errors";
import { getEgressIp } from "@/lib/keys/egress";
import { keyFailureMessage, keyStatusForFailure, storedDetail } from "@/lib/keys/failure";
import type { MessageRef } from "@/lib/i18n";

/**
 * Every write below leaves a stopped key stopped: a read or check that was already in flight when
 * the owner pressed the emergency stop must not write the key back to active. Only Replace, which
 * swaps the key itself, clears the stop (keyStatusFromCheck, in the same statement as the key).
 */
const NOT_STOPPED = { status: { not: "stopped" } } as const;

/** The owner's emergency stop: the key is `stopped`, with who and when. */
export async function noteKeyStopped(keyRowId: string, byUserId: string): Promise<void> {
  await db.apiKey.update({
    where: { id: keyRowId },
    data: { status: "stopped", stoppedAt: new Date(), stoppedById: byUserId, statusDetail: null },
  });
}

/** A successful read is written at most this often for a key that is already active. */
const TOUCH_MS = 30_000;

/** The person's message for an exchange failure, naming this server's IP when the key refuses it. */
export async function messageForExchangeError(err: ExchangeError): Promise<MessageRef> {
  return keyFailureMessage(err, err.code === "INVALID_IP_RESTRICTION" ? await getEgressIp() : null);
}

interface KeyState {
  id: string;
  label: string;
  status: string;
  lastSuccessAt: Date | null;
}

/** The exchange answered a read with this key. Returns the time recorded (null: nothing written). */
export async function noteKeyReadSuccess(key: Omit<KeyState, "label">): Promise<Date | null> {
  if (key.status === "active" && key.lastSuccessAt && Date.now() - key.lastSuccessAt.getTime() < TOUCH_MS) return null;
  const now = new Date();
  const { count } = await db.apiKey.updateMany({
    where: { id: key.id, ...NOT_STOPPED },
    data: { lastSuccessAt: now, lastUsedAt: now, status: "active", statusDetail: null },
  });
  return count ? now : null;
}

/** The exchange refused a read with this key: a new status is stored and audited. */
export async function noteKeyReadFailure(user: CurrentUser, key: KeyState, err: ExchangeError): Promise<void> {
  const status = keyStatusForFailure(err);
  if (!status || status === key.status) return;
  const { count } = await db.apiKey.updateMany({
    where: { id: key.id, ...NOT_STOPPED },
    data: { status, statusDetail: storedDetail(await messageForExchangeError(err)), lastUsedAt: new Date() },
  });
  if (count === 0) return;
  await recordAudit({
    actorId: user.id,
    action: "key.status_changed",
    outcome: "failure",
    keyRef: key.id,
    keyLabel: key.label,
    detail: { status, code: err.code },
  });
}

/**
 * The outcome of "check again": `null` when the key has no Read permission (nothing was asked),
 * "ok" when the exchange accepted it, or the exchange's refusal.
 */
export async function noteKeyCheck(keyRowId: string, outcome: null | "ok" | ExchangeError): Promise<void> {
  const now = new Date();
  if (outcome === null) {
    await db.apiKey.update({ where: { id: keyRowId }, data: { lastCheckedAt: now } });
    return;
  }
  if (outcome === "ok") {
    await db.apiKey.updateMany({
      where: { id: keyRowId, ...NOT_STOPPED },
      data: { status: "active", statusDetail: null, lastCheckedAt: now, lastSuccessAt: now, lastUsedAt: now },
    });
    return;
  }
  const status = keyStatusForFailure(outcome);
  const message = storedDetail(await messageForExchangeError(outcome));
  await db.apiKey.updateMany({
    where: { id: keyRowId, ...NOT_STOPPED },
    data: {
      lastCheckedAt: now,
      lastUsedAt: now,
      ...(status ? { status, statusDetail: message } : { statusDetail: message }),
    },
  });
}

/**
 * The status columns of a key just stored (added, or replaced in place) after its live check:
 * written in the same statement as the key, so the row never holds a key with another key's state.
 */
export function keyStatusFromCheck(
  check: { outcome: "verified" } | { outcome: "unverifiable"; message: MessageRef },
  now = new Date(),
) {
  const verified = check.outcome === "verified";
  return {
    status: verified ? ("active" as const) : ("unchecked" as const),
    statusDetail: verified ? null : storedDetail(check.message),
    lastCheckedAt: verified ? now : null,
    ...(verified ? { lastSuccessAt: now, lastUsedAt: now } : {}),
  };
}
