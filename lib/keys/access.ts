// Authorization for keys, in one place. "read" = see the key's data through the proxy (the
// owner, and members of a team the key is shared with); "manage" = check, delete, share (the
// owner only). Anyone who can't see the key gets not_found (never forbidden), so a stranger
// cannot even learn that it exists; a member asking to manage gets forbidden.
import "server-only";
import { hotRows } from "@/lib/db";
import { setBounded } from "@/lib/bounded-map";
import { currentAccessEpoch, EPOCH_SQL, EpochCache, epochOnce } from "@/lib/sessions/access-epoch";
import { AppError } from "@/lib/errors";
import { timed } from "@/lib/request-context";
import { requireUser, sessionSubject, type CurrentUser } from "@/lib/sessions/session";
import { keyIdParam } from "@/lib/keys/schemas";
import { KEY_NOT_FOUND, KEY_STOPPED } from "./refusal-texts";

/** "view": the key's page itself (its entry, not its data), which stays visible after an emergency stop. */
export type KeyNeed = "read" | "manage" | "export" | "view";

export interface KeyAccess {
  id: string;
  ownerId: string;
  label: string;
  accountId: string;
  scopes: string[];
  status: string;
  lastSuccessAt: Date | null;
  role: "owner" | "member";
  /** For members: amounts hidden unless some share of this key with one of their teams shows them. */
  hideAmounts: boolean;
  allowExport: boolean;
}

export { KEY_NOT_FOUND, KEY_STOPPED };

/** A key id from a URL. An impossible id is simply a key that isn't there. */
export function parseKeyId(raw: string): string {
  const r = keyIdParam.safeParse(raw);
  if (!r.success) throw new AppError("not_found", KEY_NOT_FOUND);
  return r.data;
}

/** The stored key as KeyAccess carries it, with the caller's shares in place of the derived role and rights. */
type AccessRow = Omit<KeyAccess, "role" | "hideAmounts" | "allowExport"> & {
  shares: { hideAmounts: boolean; allowExport: boolean }[];
};

// The rows below, reused while the access epoch stands (lib/sessions/access-epoch.ts): sharing,
// unsharing, a member leaving, a key stopped or changed move it, so the next read decides anew.
const keptRows = new EpochCache<AccessRow>(20_000);
/** This instance's record of a key's last success since its row was kept (lib/keys/status.ts writes it at most every 30 s). */
const succeeded = new Map<string, Date>();

/** The key and the caller's shares of it (through any of their teams): kept, or read in one query when the epoch moved. */
async function accessRow(
  userId: string,
  keyRowId: string,
  epoch: () => Promise<string | null> = currentAccessEpoch,
): Promise<AccessRow | null> {
  const cacheKey = `${userId}|${keyRowId}`;
  let row = await keptRows.get(cacheKey, epoch);
  if (!row) {
    const rows = await hotRows<AccessRow & { epoch: string | null }>(
      "keydesk_key_access",
      `
      SELECT k.id, k."ownerId", k.label, k."accountId", k.scopes::text[] AS scopes, k.status::text AS status,
        k."lastSuccessAt" AT TIME ZONE 'UTC' AS "lastSuccessAt",
        COALESCE((SELECT json_agg(json_build_object('hideAmounts', ks."hideAmounts", 'allowExport', ks."allowExport"))
          FROM "KeyShare" ks JOIN "TeamMember" tm ON tm."teamId" = ks."teamId" AND tm."userId" = $1
          WHERE ks."keyId" = k.id), '[]'::json) AS shares, ${EPOCH_SQL} AS epoch
      FROM "ApiKey" k WHERE k.id = $2`,
      [userId, keyRowId],
    );
    const first = rows[0];
    if (!first) return null;
    const { epoch: readAt, ...fresh } = first;
    row = fresh;
    keptRows.set(cacheKey, readAt, row);
  }
  const touched = succeeded.get(keyRowId);
  if (touched && row.lastSuccessAt && touched > row.lastSuccessAt) return { ...row, lastSuccessAt: touched };
  return row;
}

/**
 * A read with this key succeeded and lib/keys/status.ts recorded it: rows kept on this instance
 * carry the new time (the write itself leaves the epoch alone once the key has had a success).
 */
export function noteKeySuccessRecorded(keyRowId: string, at: Date): void {
  setBounded(succeeded, keyRowId, at, 20_000);
}

export async function requireKeyAccess(user: CurrentUser, keyRowId: string, need: KeyNeed): Promise<KeyAccess> {
  return decide(await timed("access", () => accessRow(user.id, keyRowId)), user, need);
}

/**
 * The data routes' check: who is calling (401 if nobody) and what they may do with this key,
 * the session row and the key row read side by side (or both reused, after one shared read of
 * the access epoch). The key row is looked up for the user the cookie names, but nothing from
 * it is used unless that session proves live.
 */
export async function requireUserAndKeyAccess(
  rawKeyId: string,
  need: KeyNeed,
): Promise<{ user: CurrentUser; key: KeyAccess }> {
  const claimed = await sessionSubject();
  if (!claimed) throw new AppError("unauthorized", "error.signIn");
  const keyRowId = parseKeyId(rawKeyId);
  const epoch = epochOnce();
  const row = timed("access", () => accessRow(claimed, keyRowId, epoch));
  row.catch(() => undefined); // awaited below; a session failure must not leave it unhandled
  // A live session is always the cookie's own user (loadSession checks the row against it),
  // so the row read for `claimed` is the caller's.
  const user = await requireUser(epoch);
  return { user, key: decide(await row, user, need) };
}

function decide(row: AccessRow | null, user: CurrentUser, need: KeyNeed): KeyAccess {
  if (!row) throw new AppError("not_found", KEY_NOT_FOUND);
  const { shares, ...key } = row;
  // Emergency stop: read on every request from the shared database, so every instance refuses
  // every read and every export page of the key at once (the owner still manages it).
  const stopped = key.status === "stopped" && (need === "read" || need === "export");
  if (stopped && (key.ownerId === user.id || shares.length))
    throw new AppError("forbidden", KEY_STOPPED, { reason: "KEY_STOPPED" });
  if (key.ownerId === user.id) return { ...key, role: "owner", hideAmounts: false, allowExport: true };
  if (!shares.length) throw new AppError("not_found", KEY_NOT_FOUND);
  const access: KeyAccess = {
    ...key,
    role: "member",
    hideAmounts: shares.every((s) => s.hideAmounts),
    allowExport: shares.some((s) => s.allowExport && !s.hideAmounts),
  };
  if (need === "manage") throw new AppError("forbidden", "error.keyOwnerOnly");
  if (need === "export" && !access.allowExport) throw new AppError("forbidden", "error.keyNoExports");
  return access;
}
