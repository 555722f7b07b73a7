// Telling a person their account was attacked: at each sign-in, the wrong passwords and codes
// tried against it since its previous successful sign-in (the audit log's failure rows) and
// from how many addresses. More than none raises an alert (in-app and mail) whose subject is the
// new session, so that session's pages can show the same figures in a banner.
import "server-only";
import { db } from "@/lib/db";
import { raiseAlert, raiseQuietly } from "@/lib/alerts/raise";

interface FailedSignIns {
  failures: number;
  addresses: number;
}

const subjectFor = (sessionId: string) => `signin:${sessionId}`;

/** Set (to the session's id) when the person dismissed this session's banner. */
export const SIGN_IN_REPORT_SEEN_COOKIE = "keydesk-sign-in-report-seen";

/** Failed sign-ins since the last successful one (all of them, for an account never signed in). */
export async function failedSignInsSinceLastSignIn(userId: string): Promise<FailedSignIns> {
  const rows = await db.$queryRaw<{ failures: number; addresses: number }[]>`
    SELECT count(*)::int AS failures, count(DISTINCT detail->>'ip')::int AS addresses
    FROM "AuditEvent"
    WHERE "actorId" = ${userId} AND action = 'auth.sign_in' AND outcome = 'failure'
      AND at > COALESCE(
        (SELECT max(at) FROM "AuditEvent"
          WHERE "actorId" = ${userId} AND action = 'auth.sign_in' AND outcome = 'success'),
        '-infinity'::timestamptz)`;
  return rows[0] ?? { failures: 0, addresses: 0 };
}

/** Called once per new session, before its own success row is written. Never fails the sign-in. */
export function reportFailedSignIns(userId: string, sessionId: string): Promise<void> {
  return raiseQuietly(async () => {
    const seen = await failedSignInsSinceLastSignIn(userId);
    if (!seen.failures) return;
    await raiseAlert([userId], subjectFor(sessionId), "sign_in_failures", {
      failures: String(seen.failures),
      addresses: String(seen.addresses),
    });
  });
}

/** What this session's banner shows: the figures reported when it began, or null. */
export async function signInReportFor(userId: string, sessionId: string): Promise<FailedSignIns | null> {
  const row = await db.alertState.findFirst({
    where: { userId, subject: subjectFor(sessionId), condition: "sign_in_failures" },
    select: { detail: true },
  });
  const d = row?.detail as { failures?: string; addresses?: string } | null | undefined;
  if (!d?.failures) return null;
  return { failures: Number(d.failures), addresses: Number(d.addresses ?? 0) };
}
