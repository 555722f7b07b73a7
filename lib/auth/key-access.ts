// Authorization for keys, in one place. "read" = see the key's data through the proxy;
// "manage" = check, delete, share. Anyone else gets not_found (never forbidden), so a
// stranger cannot even learn that a key exists.
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/auth/session";

export type KeyNeed = "read" | "manage";

export interface KeyAccess {
  id: string;
  ownerId: string;
  label: string;
  accountId: string;
  scopes: string[];
  status: string;
  lastSuccessAt: Date | null;
  role: "owner" | "member";
}

export async function requireKeyAccess(user: CurrentUser, keyRowId: string, need: KeyNeed): Promise<KeyAccess> {
  const row = await db.apiKey.findUnique({
    where: { id: keyRowId },
    select: { id: true, ownerId: true, label: true, accountId: true, scopes: true, status: true, lastSuccessAt: true },
  });
  if (!row) throw new AppError("not_found", "This key doesn't exist or isn't shared with you.");
  if (row.ownerId === user.id) return { ...row, role: "owner" };
  void need;
  throw new AppError("not_found", "This key doesn't exist or isn't shared with you.");
}
