// How many invitations may be sent (new ones and re-sends alike): per inviter and per team, per
// hour and per day. Counted from the audit log's "team.member_invited" rows inside the sending
// transaction, which holds advisory locks on the inviter and the team, so parallel invitations
// are counted one after another and no burst gets past the limit (on every instance).
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { getEnv } from "@/lib/env";

/** The limits in force (settings; defaults 20 an hour and 50 a day per inviter, 30 and 100 per team). */
function invitationLimits() {
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

/** Throws a clear rate_limited error when this inviter or this team has sent its share. */
export async function assertInvitationAllowed(tx: Tx, inviterId: string, teamId: string): Promise<void> {
  const now = Date.now();
  const limits = invitationLimits();
  const checks = [
    [{ actorId: inviterId }, limits.perInviter, "teamErr.inviteLimitInviter"],
    [{ teamId }, limits.perTeam, "teamErr.inviteLimitTeam"],
  ] as const;
  for (const [who, limit, message] of checks) {
    let wait: number | null = null;
    for (const [windowMs, max] of [
      [HOUR_MS, limit.hour],
      [DAY_MS, limit.day],
    ] as const) {
      // Counted, not fetched: a busy inviter's day can hold many rows. Only when the window is
      // full is the row that frees the next slot read (the max-th newest).
      const where = { ...who, action: "team.member_invited", outcome: "success", at: { gt: new Date(now - windowMs) } };
      if ((await tx.auditEvent.count({ where })) < max) continue;
      const freeing = await tx.auditEvent.findFirst({
        where,
        orderBy: { at: "desc" },
        skip: max - 1,
        select: { at: true },
      });
      const frees = freeing ? freeing.at.getTime() + windowMs - now : windowMs;
      wait = Math.max(wait ?? 0, frees);
    }
    if (wait === null) continue;
    const minutes = Math.max(1, Math.ceil(wait / 60_000));
    throw new AppError("rate_limited", message, {
      values: { hour: limit.hour, day: limit.day, minutes },
      reason: "INVITATION_LIMIT",
      retryAfterSeconds: Math.ceil(wait / 1000),
    });
  }
}
