// Reads of stored keys for one user: the keys they own and the keys shared with a team they
// are in. Never selects secret columns (lib/db omits them). Access is decided by
// requireKeyAccess; a key the user cannot see is reported as not found, never as forbidden.
import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/sessions/session";
import { requireKeyAccess } from "@/lib/keys/access";
import { toKeyView, type KeyView } from "@/lib/keys/view";
import { readLatestValues } from "./stored-value";

/**
 * Each view's value as the portfolio home reads it (the key's newest snapshot), so the keys list,
 * the key page and the portfolio never disagree; a view with hidden amounts (or a member's view of
 * a stopped key) keeps none.
 */
async function withStoredValues(views: KeyView[]): Promise<KeyView[]> {
  // A stopped key gives its members nothing more, not even its stored figures (as on the portfolio home).
  const shows = (v: KeyView) => !v.hideAmounts && !(v.role === "member" && v.status === "stopped");
  const latest = await readLatestValues(views.filter(shows).map((v) => v.id));
  return views.map((v) => {
    const l = latest.get(v.id);
    if (!shows(v) || !l) return { ...v, lastValueEur: null, lastValuedAt: null };
    return { ...v, lastValueEur: l.totalEur, lastValuedAt: l.at.toISOString() };
  });
}

const include = { owner: { select: { email: true, name: true } } } as const;

export async function listKeysForUser(user: CurrentUser): Promise<KeyView[]> {
  const [owned, shared] = await Promise.all([
    db.apiKey.findMany({ where: { ownerId: user.id }, include, orderBy: { createdAt: "desc" } }),
    db.apiKey.findMany({
      where: { ownerId: { not: user.id }, shares: { some: { team: { members: { some: { userId: user.id } } } } } },
      include: {
        ...include,
        shares: {
          where: { team: { members: { some: { userId: user.id } } } },
          select: { hideAmounts: true, allowExport: true, team: { select: { name: true } } },
        },
      },
      orderBy: { createdAt: "desc" },
    }),
  ]);
  return withStoredValues([
    ...owned.map((r) => toKeyView(r, { role: "owner" })),
    ...shared.map((r) =>
      toKeyView(r, {
        role: "member",
        sharedVia: r.shares.map((s) => s.team.name),
        hideAmounts: r.shares.every((s) => s.hideAmounts),
        allowExport: r.shares.some((s) => s.allowExport && !s.hideAmounts),
      }),
    ),
  ]);
}

/** For changes (check, delete, share): the owner only; a member gets forbidden, anyone else not_found. */
export async function getKeyRowForOwner(user: CurrentUser, keyRowId: string) {
  await requireKeyAccess(user, keyRowId, "manage");
  return db.apiKey.findUniqueOrThrow({ where: { id: keyRowId }, include });
}

export async function getKeyViewForUser(user: CurrentUser, keyRowId: string): Promise<KeyView> {
  const access = await requireKeyAccess(user, keyRowId, "view");
  const row = await db.apiKey.findUniqueOrThrow({ where: { id: keyRowId }, include });
  if (access.role === "owner") return (await withStoredValues([toKeyView(row, { role: "owner" })]))[0]!;
  const teams = await db.keyShare.findMany({
    where: { keyId: keyRowId, team: { members: { some: { userId: user.id } } } },
    select: { team: { select: { name: true } } },
  });
  const view = toKeyView(row, {
    role: "member",
    sharedVia: teams.map((t) => t.team.name),
    hideAmounts: access.hideAmounts,
    allowExport: access.allowExport,
  });
  return (await withStoredValues([view]))[0]!;
}
