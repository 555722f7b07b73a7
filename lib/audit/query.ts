// The activity page's reads. Visibility: your own actions, every event about keys you own,
// and every event of teams you own or administer. Member reads come aggregated per member,
// key and UTC day, for keys you own and keys shared with teams you administer, and only by
// members of a team you belong to.
import "server-only";
import { z } from "zod";
import { rowId } from "@/lib/ids";
import { db } from "@/lib/db";
import { flushMemberReads } from "@/lib/audit/member-reads";
import type { CurrentUser } from "@/lib/sessions/session";
import type { Prisma } from "@/lib/generated/prisma/client";

export const ACTION_GROUPS = { keys: "key.", teams: "team.", exports: "export.", sign_in: "auth." } as const;

export const activityQuerySchema = z.object({
  group: z.enum(["all", "keys", "teams", "exports", "sign_in"]).catch("all"),
  key: rowId().optional().catch(undefined),
  team: rowId().optional().catch(undefined),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
  before: rowId().optional().catch(undefined),
});
export type ActivityQuery = z.infer<typeof activityQuerySchema>;

async function scope(user: CurrentUser) {
  const [owned, adminOf] = await Promise.all([
    db.apiKey.findMany({ where: { ownerId: user.id }, select: { id: true } }),
    db.teamMember.findMany({ where: { userId: user.id, role: { in: ["owner", "admin"] } }, select: { teamId: true } }),
  ]);
  return { keyIds: owned.map((k) => k.id), teamIds: adminOf.map((t) => t.teamId) };
}

function where(
  user: CurrentUser,
  s: { keyIds: string[]; teamIds: string[] },
  q: ActivityQuery,
): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [
    { OR: [{ actorId: user.id }, { keyRef: { in: s.keyIds } }, { teamId: { in: s.teamIds } }] },
  ];
  if (q.group !== "all") and.push({ action: { startsWith: ACTION_GROUPS[q.group] } });
  if (q.key) and.push({ keyRef: q.key });
  if (q.team) and.push({ teamId: q.team });
  if (q.from) and.push({ at: { gte: new Date(`${q.from}T00:00:00.000Z`) } });
  if (q.to) and.push({ at: { lte: new Date(`${q.to}T23:59:59.999Z`) } });
  return { AND: and };
}

const select = {
  id: true,
  at: true,
  action: true,
  outcome: true,
  keyRef: true,
  keyLabel: true,
  teamId: true,
  detail: true,
  requestId: true,
  actor: { select: { email: true } },
} as const;

export async function listActivity(user: CurrentUser, q: ActivityQuery, pageSize = 50) {
  const s = await scope(user);
  const cursor = q.before
    ? await db.auditEvent.findUnique({ where: { id: q.before }, select: { at: true, id: true } })
    : null;
  const rows = await db.auditEvent.findMany({
    where: cursor
      ? { AND: [where(user, s, q), { OR: [{ at: { lt: cursor.at } }, { at: cursor.at, id: { lt: cursor.id } }] }] }
      : where(user, s, q),
    select,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: pageSize + 1,
  });
  return { events: rows.slice(0, pageSize), next: rows.length > pageSize ? rows[pageSize - 1]!.id : null };
}

/** Every matching event, oldest last, in pages of 500 (for the CSV export; constant memory). */
export async function* allActivity(user: CurrentUser, q: ActivityQuery) {
  let before: string | undefined;
  for (;;) {
    const page = await listActivity(user, { ...q, before }, 500);
    yield* page.events;
    if (!page.next) return;
    before = page.next;
  }
}

/**
 * The members whose reads this viewer may see: those who share a team with the viewer now.
 * Owning the key is not enough: reads by members of a team the viewer does not belong to (left,
 * removed, or never joined) stay with that team. A share removed later keeps its history.
 */
async function visibleReaders(user: CurrentUser): Promise<string[]> {
  const myTeams = (await db.teamMember.findMany({ where: { userId: user.id }, select: { teamId: true } })).map(
    (t) => t.teamId,
  );
  if (!myTeams.length) return [];
  const members = await db.teamMember.findMany({ where: { teamId: { in: myTeams } }, select: { userId: true } });
  return [...new Set(members.map((m) => m.userId))];
}

export async function memberReads(user: CurrentUser, q: ActivityQuery) {
  await flushMemberReads();
  const s = await scope(user);
  const sharedWithMyTeams = s.teamIds.length
    ? (await db.keyShare.findMany({ where: { teamId: { in: s.teamIds } }, select: { keyId: true } })).map(
        (k) => k.keyId,
      )
    : [];
  const keyIds = [...new Set([...s.keyIds, ...sharedWithMyTeams])].filter((k) => !q.key || k === q.key);
  if (!keyIds.length) return [];
  const readers = await visibleReaders(user);
  if (!readers.length) return [];
  const rows = await db.memberRead.findMany({
    where: {
      keyRef: { in: keyIds },
      userId: { in: readers },
      ...(q.from || q.to
        ? { day: { ...(q.from ? { gte: new Date(q.from) } : {}), ...(q.to ? { lte: new Date(q.to) } : {}) } }
        : {}),
    },
    orderBy: [{ day: "desc" }, { count: "desc" }],
    take: 500,
  });
  const [users, keys] = await Promise.all([
    db.user.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.userId))] } },
      select: { id: true, email: true },
    }),
    db.apiKey.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.keyRef))] } },
      select: { id: true, label: true },
    }),
  ]);
  const email = new Map(users.map((u) => [u.id, u.email]));
  const label = new Map(keys.map((k) => [k.id, k.label]));
  return rows.map((r) => ({
    day: r.day.toISOString().slice(0, 10),
    member: email.get(r.userId) ?? "(deleted user)",
    key: label.get(r.keyRef) ?? "(deleted key)",
    keyRef: r.keyRef,
    reads: r.count,
  }));
}

export async function activityFilterOptions(user: CurrentUser) {
  const [keys, teams] = await Promise.all([
    db.apiKey.findMany({ where: { ownerId: user.id }, select: { id: true, label: true }, orderBy: { label: "asc" } }),
    db.teamMember.findMany({
      where: { userId: user.id, role: { in: ["owner", "admin"] } },
      select: { team: { select: { id: true, name: true } } },
    }),
  ]);
  return { keys, teams: teams.map((t) => t.team) };
}
