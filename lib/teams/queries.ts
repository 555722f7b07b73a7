// The teams reads the dashboard pages show. Pages never query the database themselves.
import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/sessions/session";

/** Invitations addressed to the user's e-mail that are still open (not accepted, revoked or expired). */
export function countPendingInvitationsForUser(user: CurrentUser): Promise<number> {
  return db.invitation.count({
    where: { email: user.email.toLowerCase(), acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
  });
}

/** The teams a key of this owner is shared with (none for a key the user does not own). */
export function listSharesOfOwnedKey(user: CurrentUser, keyId: string) {
  return db.keyShare.findMany({
    where: { keyId, key: { ownerId: user.id } },
    select: { teamId: true, hideAmounts: true, allowExport: true, team: { select: { name: true } } },
  });
}

/** The teams the user may share keys with: those they own or administer. */
export function listTeamsUserManages(user: CurrentUser) {
  return db.teamMember.findMany({
    where: { userId: user.id, role: { in: ["owner", "admin"] } },
    select: { team: { select: { id: true, name: true } } },
  });
}
