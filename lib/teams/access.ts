// Team authorization, in one place (the counterpart of requireKeyAccess). Someone outside a
// team gets not_found, never forbidden; a member without the role gets forbidden.
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/auth/session";
import type { TeamRole } from "@/lib/generated/prisma/client";

export type TeamNeed = "view" | "manage" | "own";
const RANK: Record<TeamRole, number> = { member: 0, admin: 1, owner: 2 };
const NEED: Record<TeamNeed, number> = { view: 0, manage: 1, own: 2 };

export interface TeamAccess { teamId: string; name: string; role: TeamRole }

export const TEAM_NOT_FOUND = "This team doesn't exist or you're not in it.";

export async function requireTeamAccess(user: CurrentUser, teamId: string, need: TeamNeed): Promise<TeamAccess> {
  const m = await db.teamMember.findUnique({ where: { teamId_userId: { teamId, userId: user.id } }, select: { role: true, team: { select: { id: true, name: true } } } });
  if (!m) throw new AppError("not_found", TEAM_NOT_FOUND);
  if (RANK[m.role] < NEED[need]) {
    throw new AppError("forbidden", need === "own" ? "Only the team's owner can do this." : "Only the team's owner and admins can do this.");
  }
  return { teamId: m.team.id, name: m.team.name, role: m.role };
}

export function roleAtLeast(role: TeamRole, need: TeamNeed): boolean {
  return RANK[role] >= NEED[need];
}
