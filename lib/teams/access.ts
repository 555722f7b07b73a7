// Team authorization, in one place (the counterpart of requireKeyAccess). Someone outside a
// team gets not_found, never forbidden; a member without the role gets forbidden.
import { teamsEn } from "@/lib/i18n/messages/teams-en";
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/sessions/session";
import type { TeamRole } from "@/lib/generated/prisma/client";

export type TeamNeed = "view" | "manage" | "own";
const RANK: Record<TeamRole, number> = { member: 0, admin: 1, owner: 2 };
const NEED: Record<TeamNeed, number> = { view: 0, manage: 1, own: 2 };

export interface TeamAccess {
  teamId: string;
  name: string;
  role: TeamRole;
}

export const TEAM_NOT_FOUND = teamsEn["teamErr.notFound"];

export async function requireTeamAccess(user: CurrentUser, teamId: string, need: TeamNeed): Promise<TeamAccess> {
  const m = await db.teamMember.findUnique({
    where: { teamId_userId: { teamId, userId: user.id } },
    select: { role: true, team: { select: { id: true, name: true } } },
  });
  if (!m) throw new AppError("not_found", "teamErr.notFound");
  if (RANK[m.role] < NEED[need]) {
    throw new AppError("forbidden", need === "own" ? "teamErr.ownerOnly" : "teamErr.adminsOnly");
  }
  return { teamId: m.team.id, name: m.team.name, role: m.role };
}
