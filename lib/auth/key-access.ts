// Authorization for keys, in one place. "read" = see the key's data through the proxy (the
// owner, and members of a team the key is shared with); "manage" = check, delete, share (the
// owner only). Anyone who can't see the key gets not_found (never forbidden), so a stranger
// cannot even learn that it exists; a member asking to manage gets forbidden.
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { timed } from "@/lib/http/request-context";
import type { CurrentUser } from "@/lib/auth/session";

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
  const rows = await db.$queryRaw<AccessRow[]>`
    SELECT k.id, k."ownerId", k.label, k."accountId", k.scopes, k.status::text AS status, k."lastSuccessAt",
      COALESCE((SELECT json_agg(json_build_object('hideAmounts', ks."hideAmounts", 'allowExport', ks."allowExport"))
        FROM "KeyShare" ks JOIN "TeamMember" tm ON tm."teamId" = ks."teamId" AND tm."userId" = ${userId}
        WHERE ks."keyId" = k.id), '[]'::json) AS shares
    FROM "ApiKey" k WHERE k.id = ${keyRowId}`;
  return rows[0] ?? null;
}

export async function requireKeyAccess(user: CurrentUser, keyRowId: string, need: KeyNeed): Promise<KeyAccess> {
  const row = await timed("access", () => accessRow(user.id, keyRowId));
  if (!row) throw new AppError("not_found", KEY_NOT_FOUND);
  const { shares, ...key } = row;
  if (key.ownerId === user.id) return { ...key, role: "owner", hideAmounts: false, allowExport: true };
  if (!shares.length) throw new AppError("not_found", KEY_NOT_FOUND);
  const access: KeyAccess = { ...key, role: "member", hideAmounts: shares.every((s) => s.hideAmounts), allowExport: shares.some((s) => s.allowExport && !s.hideAmounts) };
  if (need === "manage") throw new AppError("forbidden", "Only the key's owner can change it. You can read its data because it is shared with your team.");
  if (need === "export" && !access.allowExport) throw new AppError("forbidden", "The key's owner hasn't allowed exports for your team.");
  return access;
}
