// The backfill on the process's pg-boss (lib/alerts/queue.ts). Adding a key marks its backfill
// queued (a row in PostgreSQL, so it survives a restart) and, in a process that runs the
// workers, sends its job at once; a one-minute sweep sends the job of any key still queued (a
// key added by a process without workers, or while the queue was down). Each key's job id is
// fixed by the key, so sending it twice stores one job; pg-boss retries a failed run, and the
// run itself writes nothing twice (./backfill-store.ts).
import "server-only";
import { createHash } from "node:crypto";
import type PgBoss from "pg-boss";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/log";
import { markQueued } from "./backfill-state";
import { countingFailures } from "@/lib/metrics/hooks";

export const BACKFILL_QUEUE = "portfolio-backfill";
export const BACKFILL_SWEEP_QUEUE = "portfolio-backfill-sweep";

const globalForBackfill = globalThis as unknown as { keydeskBackfillBoss?: PgBoss };

/** A UUID fixed by the key row: pg-boss stores one job per id. */
export function backfillJobId(keyId: string): string {
  const h = createHash("sha256").update(`backfill:${keyId}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function send(boss: PgBoss, keyId: string): Promise<void> {
  await boss.send(BACKFILL_QUEUE, { keyId }, { id: backfillJobId(keyId) });
}

/** Sends the job of every key still queued; returns how many were sent (already-sent ones count). */
export async function sweepQueuedBackfills(boss: PgBoss): Promise<number> {
  const queued = await db.keyBackfill.findMany({ where: { state: "queued" }, select: { keyId: true }, take: 500 });
  for (const q of queued) await send(boss, q.keyId);
  return queued.length;
}

/**
 * Queues a newly added key's backfill. Never throws: the key is added whatever happens here,
 * and a key left queued is picked up by the sweep.
 */
export async function enqueueBackfill(keyId: string): Promise<void> {
  try {
    if (getEnv().KEYDESK_BACKFILL_DAYS === 0) return;
    if (!(await markQueued(keyId))) return;
    const boss = globalForBackfill.keydeskBackfillBoss;
    if (boss) await send(boss, keyId);
  } catch (err) {
    logger.warn(
      { phase: "job", keyRef: keyId, err: err instanceof Error ? err.message : "unknown" },
      "backfill not queued",
    );
  }
}

/** Registers the backfill queue, its worker and the sweep on a started pg-boss. */
export async function registerBackfillJobs(boss: PgBoss, opts: { sweepCron?: string } = {}): Promise<void> {
  await boss.createQueue(BACKFILL_QUEUE, {
    name: BACKFILL_QUEUE,
    retryLimit: 5,
    retryDelay: 60,
    retryBackoff: true,
    expireInSeconds: 1_800,
  });
  await boss.createQueue(BACKFILL_SWEEP_QUEUE, { name: BACKFILL_SWEEP_QUEUE, policy: "singleton" });
  await boss.work<{ keyId: string }>(
    BACKFILL_QUEUE,
    { batchSize: 1, pollingIntervalSeconds: 2 },
    countingFailures(BACKFILL_QUEUE, async (jobs) => {
      // Loaded when a job runs: adding a key (which only queues) doesn't pull the whole read path
      // into its module graph (the seed CLI adds keys outside Next, under react-server conditions).
      const { runBackfill } = await import("./backfill");
      for (const job of jobs) {
        const outcome = await runBackfill(job.data.keyId);
        logger.info({ phase: "job", keyRef: job.data.keyId, outcome }, "backfill finished");
      }
    }),
  );
  await boss.work(
    BACKFILL_SWEEP_QUEUE,
    countingFailures(BACKFILL_SWEEP_QUEUE, async () => {
      await sweepQueuedBackfills(boss);
    }),
  );
  await boss.schedule(BACKFILL_SWEEP_QUEUE, opts.sweepCron ?? "* * * * *");
  globalForBackfill.keydeskBackfillBoss = boss;
  await sweepQueuedBackfills(boss);
}

/** Tests: forget the registered queue (after stopping it). */
export function forgetBackfillBoss(): void {
  globalForBackfill.keydeskBackfillBoss = undefined;
}
