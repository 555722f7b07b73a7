// The user's signed-in sessions: list with device and last use; revoke one or all others.
// A revoked session ends on its next request (the session callback checks the row).
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/sessions/session";
import { recordAudit } from "@/lib/audit/record";
import { describeDevice } from "@/lib/http/user-agent";

export async function listSessions(user: CurrentUser) {
  const rows = await db.userSession.findMany({
    where: { userId: user.id, revokedAt: null },
    orderBy: { lastUsedAt: "desc" },
    take: 50,
  });
  return rows.map((r) => ({
    id: r.id,
    device: describeDevice(r.userAgent),
    ip: r.ip,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt.toISOString(),
    current: r.id === user.sessionId,
  }));
}

export async function revokeSession(user: CurrentUser, sessionId: string): Promise<void> {
  const r = await db.userSession.updateMany({
    where: { id: sessionId, userId: user.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (!r.count) throw new AppError("not_found", "error.sessionGone");
  await recordAudit({
    actorId: user.id,
    action: "auth.session_revoked",
    outcome: "success",
    detail: { current: sessionId === user.sessionId },
  });
}

export async function revokeOtherSessions(user: CurrentUser): Promise<number> {
  const r = await db.userSession.updateMany({
    where: { userId: user.id, revokedAt: null, id: { not: user.sessionId } },
    data: { revokedAt: new Date() },
  });
  await recordAudit({
    actorId: user.id,
    action: "auth.sessions_revoked",
    outcome: "success",
    detail: { count: r.count },
  });
  return r.count;
}
