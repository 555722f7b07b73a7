// Portfolio jobs on the process's pg-boss (lib/alerts/queue.ts, the one queue instance):
// "portfolio-snapshot" takes one snapshot per key per period; "portfolio-downsample" thins
// points older than 7 days to each day's first and last. Both are pg-boss schedules (stored in
// PostgreSQL, sent once per minute across instances); a SnapshotRun row per period makes a
// period's run happen once even if its job were sent twice.
import "server-only";
import type PgBoss from "pg-boss";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";
import { HOUR_MS } from "@/lib/snapshots/store";
import { takeSnapshot } from "./take";
import { downsampleSnapshots } from "./downsample";
import { countingFailures } from "@/lib/metrics/hooks";

export const SNAPSHOT_QUEUE = "portfolio-snapshot";
export const DOWNSAMPLE_QUEUE = "portfolio-downsample";

/** The start of the period `now` falls in (periods of `everyHours`, aligned to UTC midnight). */
export function periodStart(now: Date, everyHours: number): Date {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const span = everyHours * HOUR_MS;
  return new Date(day + Math.floor((now.getTime() - day) / span) * span);
}

export function snapshotCron(everyHours: number): string {
  return everyHours === 1 ? "0 * * * *" : `0 */${everyHours} * * *`;
}

/**
 * Runs the period `now` falls in, once across instances: the first to insert the period's row
 * runs it; anyone else returns null. Each key is read at background priority; one key's failure
 * (revoked, stopped, deleted meanwhile) does not stop the others.
 */
export async function runSnapshotPeriod(
  now: Date,
  everyHours: number,
): Promise<{ period: Date; stored: number; skipped: number } | null> {
  const period = periodStart(now, everyHours);
  const claimed = await db.$executeRaw`INSERT INTO "SnapshotRun" (period) VALUES (${period}) ON CONFLICT DO NOTHING`;
  if (claimed === 0) return null;
  const keys = await db.apiKey.findMany({ where: { status: { not: "stopped" } }, select: { id: true } });
  let stored = 0;
  let skipped = 0;
  for (const k of keys) {
    try {
      const r = await takeSnapshot(k.id);
      if (r === "stored") stored++;
      else skipped++;
    } catch (err) {
      skipped++;
      logger.info(
        { phase: "job", keyRef: k.id, err: err instanceof Error ? err.message : "unknown" },
        "snapshot skipped",
      );
    }
  }
  await db.snapshotRun.update({ where: { period }, data: { keys: stored } });
  return { period, stored, skipped };
}

/** Registers both queues, their workers and their schedules on a started pg-boss. */
export async function registerPortfolioJobs(
  boss: PgBoss,
  opts: { everyHours: number; cron?: string; onRun?: (r: Awaited<ReturnType<typeof runSnapshotPeriod>>) => void },
): Promise<void> {
  await boss.createQueue(SNAPSHOT_QUEUE, { name: SNAPSHOT_QUEUE, policy: "singleton" });
  await boss.createQueue(DOWNSAMPLE_QUEUE, { name: DOWNSAMPLE_QUEUE, policy: "singleton" });
  await boss.work(
    SNAPSHOT_QUEUE,
    countingFailures(SNAPSHOT_QUEUE, async () => {
      const r = await runSnapshotPeriod(new Date(), opts.everyHours);
      opts.onRun?.(r);
      if (r) logger.info({ phase: "job", stored: r.stored, skipped: r.skipped }, "portfolio snapshots taken");
    }),
  );
  await boss.work(
    DOWNSAMPLE_QUEUE,
    countingFailures(DOWNSAMPLE_QUEUE, async () => {
      const removed = await downsampleSnapshots(new Date());
      if (removed) logger.info({ phase: "job", removed }, "portfolio snapshots downsampled");
    }),
  );
  await boss.schedule(SNAPSHOT_QUEUE, opts.cron ?? snapshotCron(opts.everyHours));
  await boss.schedule(DOWNSAMPLE_QUEUE, "17 3 * * *");
}
