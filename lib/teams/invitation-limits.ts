// How many invitations may be sent (new ones and re-sends alike): per inviter and per team, per
// hour and per day. Counted from the audit log's "team.member_invited" rows inside the sending
// transaction, which holds advisory locks on the inviter and the team, so parallel invitations
// are counted one after another and no burst gets past the limit (on every instance).
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { Translate } from "@/lib/i18n";
import { getEnv } from "@/lib/env";

/** The limits in force (settings; defaults 20 an hour and 50 a day per inviter, 30 and 100 per team). */
export function invitationLimits() {
  const env = getEnv();
  return {
    perInviter: {
      hour: env.KEYDESK_INVITATIONS_PER_INVITER_PER_HOUR,
      day: env.KEYDESK_INVITATIONS_PER_INVITER_PER_DAY,
    },
    perTeam: { hour: env.KEYDESK_INVITATIONS_PER_TEAM_PER_HOUR, day: env.KEYDESK_INVITATIONS_PER_TEAM_PER_DAY },
  };
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

type Tx = Prisma.TransactionClient;

/** Serializes sends by this inviter and to this team until the transaction ends (always in this order). */
export async function lockInvitationSenders(tx: Tx, inviterId: string, teamId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`invite-sender:${inviterId}`}, 0))`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`invite-team:${teamId}`}, 0))`;
}

/** Pure: the wait until one more send fits both windows, or null when it fits now. */
export function waitForSlot(sentAt: Date[], limits: { hour: number; day: number }, now: number): number | null {
  let wait: number | null = null;
  for (const [windowMs, limit] of [
    [HOUR_MS, limits.hour],
    [DAY_MS, limits.day],
  ] as const) {
    const inWindow = sentAt
      .map((d) => d.getTime())
      .filter((t) => t > now - windowMs)
      .sort((a, b) => a - b);
    if (inWindow.length < limit) continue;
    const frees = inWindow[inWindow.length - limit]! + windowMs - now;
    wait = Math.max(wait ?? 0, frees);
  }
  return wait;
}

/** Throws a clear rate_limited error when this inviter or this team has sent its share. */
export async function assertInvitationAllowed(tx: Tx, inviterId: string, teamId: string, t: Translate): Promise<void> {
  const since = new Date(Date.now() - DAY_MS);
  const rows = (where: Prisma.AuditEventWhereInput) =>
    tx.auditEvent.findMany({
      where: { ...where, action: "team.member_invited", outcome: "success", at: { gt: since } },
      select: { at: true },
      orderBy: { at: "desc" },
      take: 10_000,
    });
  const [byInviter, byTeam] = await Promise.all([rows({ actorId: inviterId }), rows({ teamId })]);
  const now = Date.now();
  const limits = invitationLimits();
  const checks = [
    [byInviter, limits.perInviter, "teamErr.inviteLimitInviter"],
    [byTeam, limits.perTeam, "teamErr.inviteLimitTeam"],
  ] as const;
  for (const [sent, limit, message] of checks) {
    const wait = waitForSlot(
      sent.map((r) => r.at),
      limit,
      now,
    );
    if (wait === null) continue;
    const minutes = Math.max(1, Math.ceil(wait / 60_000));
    throw new AppError("rate_limited", t(message, { hour: limit.hour, day: limit.day, minutes }), {
      reason: "INVITATION_LIMIT",
      retryAfterSeconds: Math.ceil(wait / 1000),
    });
  }
}
