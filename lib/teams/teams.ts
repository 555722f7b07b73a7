// Teams: create, rename, delete (owner only), members (admins remove; the owner stays).
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/sessions/session";
import { recordAudit } from "@/lib/audit/record";
import { requireTeamAccess } from "./access";
import type { TeamRole } from "@/lib/generated/prisma/client";

export interface TeamSummary {
  id: string;
  name: string;
  role: TeamRole;
  members: number;
  sharedKeys: number;
}

export async function listTeamsForUser(user: CurrentUser): Promise<TeamSummary[]> {
  const rows = await db.teamMember.findMany({
    where: { userId: user.id },
    select: {
      role: true,
      team: { select: { id: true, name: true, _count: { select: { members: true, shares: true } } } },
    },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({
    id: r.team.id,
    name: r.team.name,
    role: r.role,
    members: r.team._count.members,
    sharedKeys: r.team._count.shares,
  }));
}

export async function createTeam(user: CurrentUser, name: string): Promise<string> {
  const team = await db.team.create({ data: { name, members: { create: { userId: user.id, role: "owner" } } } });
  await recordAudit({
    actorId: user.id,
    action: "team.created",
    outcome: "success",
    teamId: team.id,
    detail: { name },
  });
  return team.id;
}

export async function renameTeam(user: CurrentUser, teamId: string, name: string): Promise<void> {
  await requireTeamAccess(user, teamId, "own");
  await db.team.update({ where: { id: teamId }, data: { name } });
  await recordAudit({ actorId: user.id, action: "team.renamed", outcome: "success", teamId, detail: { name } });
}

export async function deleteTeam(user: CurrentUser, teamId: string): Promise<void> {
  const t = await requireTeamAccess(user, teamId, "own");
  await db.team.delete({ where: { id: teamId } });
  await recordAudit({ actorId: user.id, action: "team.deleted", outcome: "success", teamId, detail: { name: t.name } });
}

export async function getTeamDetail(user: CurrentUser, teamId: string) {
  const access = await requireTeamAccess(user, teamId, "view");
  const [members, invitations, shares] = await Promise.all([
    db.teamMember.findMany({
      where: { teamId },
      select: { id: true, role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
      orderBy: { createdAt: "asc" },
    }),
    access.role === "member"
      ? Promise.resolve([])
      : db.invitation.findMany({
          where: { teamId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
          select: { id: true, email: true, role: true, createdAt: true, expiresAt: true },
          orderBy: { createdAt: "desc" },
        }),
    db.keyShare.findMany({
      where: { teamId },
      select: {
        id: true,
        hideAmounts: true,
        allowExport: true,
        createdAt: true,
        key: {
          select: {
            id: true,
            label: true,
            ownerId: true,
            status: true,
            owner: { select: { email: true, name: true } },
          },
        },
      },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  return { ...access, members, invitations, shares };
}

/** Admins remove members; only the owner removes admins; nobody removes the owner. Effective on the next request. */
export async function removeMember(user: CurrentUser, teamId: string, memberId: string): Promise<void> {
  const access = await requireTeamAccess(user, teamId, "view");
  const m = await db.teamMember.findFirst({
    where: { id: memberId, teamId },
    select: { id: true, role: true, userId: true, user: { select: { email: true } } },
  });
  if (!m) throw new AppError("not_found", "teamErr.notMember");
  if (m.role === "owner") throw new AppError("forbidden", "teamErr.ownerStays");
  const self = m.userId === user.id; // anyone but the owner may leave
  if (!self && access.role === "member") throw new AppError("forbidden", "teamErr.adminsRemove");
  if (!self && m.role === "admin" && access.role !== "owner")
    throw new AppError("forbidden", "teamErr.ownerRemovesAdmins");
  await db.teamMember.delete({ where: { id: m.id } });
  await recordAudit({
    actorId: user.id,
    action: "team.member_removed",
    outcome: "success",
    teamId,
    detail: { email: m.user.email, role: m.role },
  });
}
