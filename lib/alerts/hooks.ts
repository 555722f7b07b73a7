// The alerts raised by account and team events. Each runs after its event is stored and never
// fails it (raiseQuietly): an alert that could not be queued is sent by the next key scan.
import "server-only";
import { db } from "@/lib/db";
import { describeDevice } from "@/lib/http/user-agent";
import { raiseEvent, raiseQuietly } from "./raise";

/**
 * A sign-in from a new device. `knownDevice` (a password sign-in): whether the browser carried
 * this account's device token, which a copied user agent can't fake. Without it (single
 * sign-on): a user agent none of the person's earlier sessions used.
 */
export function alertIfNewDevice(
  userId: string,
  sessionId: string,
  userAgent: string | null,
  knownDevice?: boolean,
): Promise<void> {
  return raiseQuietly(async () => {
    if (knownDevice === true) return;
    const earlier = await db.userSession.findMany({
      where: { userId, id: { not: sessionId } },
      select: { userAgent: true },
      take: 200,
      orderBy: { createdAt: "desc" },
    });
    if (!earlier.length) return; // the first sign-in
    if (knownDevice === undefined && earlier.some((s) => s.userAgent === userAgent)) return;
    await raiseEvent([userId], "new_device", { device: describeDevice(userAgent) });
  });
}

export function alertTwoFactorOff(userId: string): Promise<void> {
  return raiseQuietly(() => raiseEvent([userId], "two_factor_off"));
}

/** A share removed: the key's owner and the team's members hear of it. */
export function alertShareRemoved(keyRef: string, keyLabel: string, ownerId: string, teamId: string): Promise<void> {
  return raiseQuietly(async () => {
    const team = await db.team.findUnique({
      where: { id: teamId },
      select: { name: true, members: { select: { userId: true } } },
    });
    if (!team) return;
    await raiseEvent([ownerId, ...team.members.map((m) => m.userId)], "share_removed", {
      keyRef,
      keyLabel,
      team: team.name,
    });
  });
}

/** A member joined: the team's other members hear of it. */
export function alertMemberJoined(teamId: string, newMemberId: string, member: string): Promise<void> {
  return raiseQuietly(async () => {
    const team = await db.team.findUnique({
      where: { id: teamId },
      select: { name: true, members: { select: { userId: true } } },
    });
    if (!team) return;
    const others = team.members.map((m) => m.userId).filter((id) => id !== newMemberId);
    await raiseEvent(others, "member_joined", { team: team.name, member });
  });
}
