// Reads of stored keys for one user. Never selects secret columns (lib/db omits them).
// A key the user cannot see is reported as not found, never as forbidden.
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/auth/session";
import { toKeyView, type KeyView } from "@/lib/keys/view";

export async function listKeysForUser(user: CurrentUser): Promise<KeyView[]> {
  const rows = await db.apiKey.findMany({
    where: { ownerId: user.id },
    include: { owner: { select: { email: true, name: true } } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((r) => toKeyView(r, { role: "owner" }));
}

export async function getKeyRowForOwner(user: CurrentUser, keyRowId: string) {
  const row = await db.apiKey.findFirst({
    where: { id: keyRowId, ownerId: user.id },
    include: { owner: { select: { email: true, name: true } } },
  });
  if (!row) throw new AppError("not_found", "This key doesn't exist or isn't shared with you.");
  return row;
}

export async function getKeyViewForUser(user: CurrentUser, keyRowId: string): Promise<KeyView> {
  return toKeyView(await getKeyRowForOwner(user, keyRowId), { role: "owner" });
}
