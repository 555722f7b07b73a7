// A key's backfill progress (KeyBackfill, one row per key, deleted with the key): queued when
// the key is added, running with days done / total, then done, failed or cancelled. The row
// carries no amount, so everyone who may see the key may see it.
import "server-only";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";

export const BACKFILL_STATES = ["queued", "running", "done", "failed", "cancelled"] as const;
export type BackfillState = (typeof BACKFILL_STATES)[number];

export interface BackfillStatus {
  state: BackfillState | "none";
  daysDone: number;
  daysTotal: number;
  /** How many days back a backfill reaches here (KEYDESK_BACKFILL_DAYS). */
  maxDays: number;
  reason: string | null;
  updatedAt: string | null;
  /** The rebuilt points' range (UTC ISO), when there are any. */
  from: string | null;
  to: string | null;
  /** The key's first recorded (not rebuilt) value: before it, values are rebuilt and approximate. */
  firstRecordedAt: string | null;
}

/** Marks the key's backfill as waiting, unless it already has one. True when this call queued it. */
export async function markQueued(keyId: string): Promise<boolean> {
  const n = await db.$executeRaw`
    INSERT INTO "KeyBackfill" ("keyId", state) SELECT ${keyId}, 'queued'
    WHERE EXISTS (SELECT 1 FROM "ApiKey" WHERE id = ${keyId})
    ON CONFLICT ("keyId") DO NOTHING`;
  return n > 0;
}

/** Updates the key's row (a deleted key has none: nothing happens). */
export async function setBackfill(
  keyId: string,
  data: Partial<{
    state: BackfillState;
    daysDone: number;
    daysTotal: number;
    reason: string | null;
    startedAt: Date;
    finishedAt: Date | null;
  }>,
): Promise<void> {
  await db.keyBackfill.updateMany({ where: { keyId }, data: { ...data, updatedAt: new Date() } });
}

/** Starts (or restarts, for a retried job) the key's run; creates the row if the key was added without one. */
export async function markRunning(keyId: string): Promise<void> {
  const now = new Date();
  await db.$executeRaw`
    INSERT INTO "KeyBackfill" ("keyId", state, "startedAt", "updatedAt")
    SELECT ${keyId}, 'running', ${now}, ${now} WHERE EXISTS (SELECT 1 FROM "ApiKey" WHERE id = ${keyId})
    ON CONFLICT ("keyId") DO UPDATE SET state = 'running', "daysDone" = 0, reason = NULL,
      "startedAt" = ${now}, "finishedAt" = NULL, "updatedAt" = ${now}`;
}

export async function readBackfillStatus(keyId: string): Promise<BackfillStatus> {
  const [row, span, first] = await Promise.all([
    db.keyBackfill.findUnique({ where: { keyId } }),
    db.keySnapshot.aggregate({ where: { keyId, source: "backfill" }, _min: { at: true }, _max: { at: true } }),
    db.keySnapshot.findFirst({
      where: { keyId, source: { not: "backfill" } },
      orderBy: { at: "asc" },
      select: { at: true },
    }),
  ]);
  return {
    state: (row?.state as BackfillState | undefined) ?? "none",
    daysDone: row?.daysDone ?? 0,
    daysTotal: row?.daysTotal ?? 0,
    maxDays: getEnv().KEYDESK_BACKFILL_DAYS,
    reason: row?.reason ?? null,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    from: span._min.at?.toISOString() ?? null,
    to: span._max.at?.toISOString() ?? null,
    firstRecordedAt: first?.at.toISOString() ?? null,
  };
}
