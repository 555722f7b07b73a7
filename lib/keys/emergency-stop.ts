// Emergency stop ("this key may be compromised"): owner only, after step-up. Marks the key
// `stopped` (who, when) in the shared database, which every read and export page checks on
// every request (lib/keys/access.ts) and the decrypting module refuses (credentials.ts); tells
// every instance at once (pub/sub) and erases its cached data in memory and Redis; notifies the
// owner and every member it is shared with. Only Replace brings the key back.
import "server-only";
import { noteKeyStopped } from "@/lib/keys/status";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/sessions/session";
import { recordAudit } from "@/lib/audit/record";
import { getKeyRowForOwner } from "@/lib/keys/queries";
import { getGate } from "@/lib/limiter/instance";
import { raiseAlert, raiseQuietly } from "@/lib/alerts/raise";

export type StopKeyResult = { ok: true; keyRowId: string } | { ok: false; code: "needs_step_up" };

/** The owner and every member of a team the key is shared with. */
export async function peopleOfKey(keyRowId: string, ownerId: string): Promise<string[]> {
  const members = await db.teamMember.findMany({
    where: { team: { shares: { some: { keyId: keyRowId } } } },
    select: { userId: true },
  });
  return [...new Set([ownerId, ...members.map((m) => m.userId)])];
}

export async function stopKeyForOwner(
  user: CurrentUser,
  keyRowId: string,
  steppedUp: boolean,
  requestId?: string,
): Promise<StopKeyResult> {
  const row = await getKeyRowForOwner(user, keyRowId);
  if (!steppedUp) return { ok: false, code: "needs_step_up" };
  if (row.status !== "stopped") {
    await noteKeyStopped(row.id, user.id);
  }
  await getGate().keys.stop(row.id);
  await recordAudit({
    actorId: user.id,
    action: "key.stop",
    outcome: "success",
    keyRef: row.id,
    keyLabel: row.label,
    detail: { previousStatus: row.status },
    requestId,
  });
  const people = await peopleOfKey(row.id, row.ownerId);
  await raiseQuietly(() => raiseAlert(people, row.id, "key_stopped", { keyRef: row.id, keyLabel: row.label }));
  return { ok: true, keyRowId: row.id };
}

/** Who stopped a key and when (for its owner's page); null when it isn't stopped. */
export async function stopInfoOf(keyRowId: string): Promise<{ at: Date; by: string } | null> {
  const row = await db.apiKey.findUnique({ where: { id: keyRowId }, select: { stoppedAt: true, stoppedById: true } });
  if (!row?.stoppedAt) return null;
  const by = row.stoppedById
    ? await db.user.findUnique({ where: { id: row.stoppedById }, select: { name: true, email: true } })
    : null;
  return { at: row.stoppedAt, by: by?.name ?? by?.email ?? "?" };
}
