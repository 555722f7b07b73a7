// The key scan (a pg-boss scheduled job, every minute, run by one instance): raises "refused"
// (revoked or this server's address not allowed) and "failing for 15 minutes" for each key's
// owner, clears both when the key works again, and queues again any alert not yet delivered.
import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { clearAlert, raiseAlert } from "./raise";
import { FAILING_AFTER_MS } from "./kinds";
import { enqueueDelivery } from "./queue";

const REFUSED = ["revoked", "ip_blocked"];
const FAILING = ["revoked", "ip_blocked", "invalid"];

/** scope.keyIds: scan only these keys and their alerts (one owner's keys; the whole deployment without it). */
export async function scanKeys(now = new Date(), scope: { keyIds?: string[] } = {}): Promise<{ raised: number }> {
  const only = scope.keyIds ? { id: { in: scope.keyIds } } : {};
  const keys = await db.apiKey.findMany({
    where: only,
    select: { id: true, ownerId: true, label: true, status: true },
  });
  let raised = 0;
  for (const k of keys) {
    const detail = { keyRef: k.id, keyLabel: k.label };
    if (REFUSED.includes(k.status)) raised += (await raiseAlert([k.ownerId], k.id, "key_refused", detail)).length;
    else await clearAlert(k.id, ["key_refused"]);
    if (!FAILING.includes(k.status)) {
      await clearAlert(k.id, ["key_failing"]);
      continue;
    }
    // First seen now (not raised yet); raised once it has held for 15 minutes.
    await db.$executeRaw`
      INSERT INTO "AlertState" (id, "userId", subject, condition, since, detail)
      VALUES (${randomUUID()}, ${k.ownerId}, ${k.id}, 'key_failing', ${now}, ${JSON.stringify(detail)}::jsonb)
      ON CONFLICT ("userId", subject, condition) DO NOTHING`;
    const due = await db.$queryRaw<{ id: string }[]>`
      UPDATE "AlertState" SET "raisedAt" = ${now}
      WHERE subject = ${k.id} AND condition = 'key_failing' AND "raisedAt" IS NULL
        AND since <= ${new Date(now.getTime() - FAILING_AFTER_MS)}
      RETURNING id`;
    for (const d of due) await enqueueDelivery(d.id);
    raised += due.length;
  }
  // A queue that was down when an alert was raised: its job is sent now (same id: stored once).
  const late = await db.alertState.findMany({
    where: {
      raisedAt: { not: null, lt: new Date(now.getTime() - 60_000) },
      deliveredAt: null,
      ...(scope.keyIds ? { subject: { in: scope.keyIds } } : {}),
    },
    select: { id: true },
    take: 500,
  });
  for (const a of late) await enqueueDelivery(a.id);
  return { raised };
}
