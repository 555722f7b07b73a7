// Authorization for keys, in one place. "read" = see the key's data through the proxy (the
// owner, and members of a team the key is shared with); "manage" = check, delete, share (the
// owner only). Anyone who can't see the key gets not_found (never forbidden), so a stranger
// cannot even learn that it exists; a member asking to manage gets forbidden.
import "server-only";
import { hotRows } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { timed } from "@/lib/http/request-context";
import { requireUser, sessionSubject, type CurrentUser } from "@/lib/auth/session";
import { parseKeyId } from "@/lib/proxy/params";

export type KeyNeed = "read" | "manage" | "export";

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

export const KEY_NOT_FOUND = "This key doesn't exist or isn't shared with you.";

interface AccessRow {
  id: string; ownerId: string; label: string; accountId: string; scopes: string[]; status: string; lastSuccessAt: Date | null;
  shares: { hideAmounts: boolean; allowExport: boolean }[];
}

/** The key and the caller's shares of it (through any of their teams), in one query: it runs on every read. */
async function accessRow(userId: string, keyRowId: string): Promise<AccessRow | null> {
  const rows = await hotRows<AccessRow>("keydesk_key_access", `
    SELECT k.id, k."ownerId", k.label, k."accountId", k.scopes::text[] AS scopes, k.status::text AS status,
      k."lastSuccessAt" AT TIME ZONE 'UTC' AS "lastSuccessAt",
      COALESCE((SELECT json_agg(json_build_object('hideAmounts', ks."hideAmounts", 'allowExport', ks."allowExport"))
        FROM "KeyShare" ks JOIN "TeamMember" tm ON tm."teamId" = ks."teamId" AND tm."userId" = $1
        WHERE ks."keyId" = k.id), '[]'::json) AS shares
    FROM "ApiKey" k WHERE k.id = $2`, [userId, keyRowId]);
  return rows[0] ?? null;
}

export async function requireKeyAccess(user: CurrentUser, keyRowId: string, need: KeyNeed): Promise<KeyAccess> {
  return decide(await timed("access", () => accessRow(user.id, keyRowId)), user, need);
}

/**
 * The data routes' check: who is calling (401 if nobody) and what they may do with this key,
 * the session row and the key row read side by side. The key row is looked up for the user the
 * cookie names, but nothing from it is used unless that session proves live.
 */
export async function requireUserAndKeyAccess(rawKeyId: string, need: KeyNeed): Promise<{ user: CurrentUser; key: KeyAccess }> {
  const claimed = await sessionSubject();
  if (!claimed) throw new AppError("unauthorized", "Sign in to continue.");
  const keyRowId = parseKeyId(rawKeyId);
  const row = timed("access", () => accessRow(claimed, keyRowId));
  row.catch(() => undefined); // awaited below; a session failure must not leave it unhandled
  // A live session is always the cookie's own user (loadSession checks the row against it),
  // so the row read for `claimed` is the caller's.
  const user = await requireUser();
  return { user, key: decide(await row, user, need) };
}

function decide(row: AccessRow | null, user: CurrentUser, need: KeyNeed): KeyAccess {
  if (!row) throw new AppError("not_found", KEY_NOT_FOUND);
  const { shares, ...key } = row;
  if (key.ownerId === user.id) return { ...key, role: "owner", hideAmounts: false, allowExport: true };
  if (!shares.length) throw new AppError("not_found", KEY_NOT_FOUND);
  const access: KeyAccess = { ...key, role: "member", hideAmounts: shares.every((s) => s.hideAmounts), allowExport: shares.some((s) => s.allowExport && !s.hideAmounts) };
  if (need === "manage") throw new AppError("forbidden", "Only the key's owner can change it. You can read its data because it is shared with your team.");
  if (need === "export" && !access.allowExport) throw new AppError("forbidden", "The key's owner hasn't allowed exports for your team.");
  return access;
}
