// The backfill's worker on the process's pg-boss (lib/alerts/queue.ts): the queue a new key's
// job is sent to (lib/snapshots/backfill-queue.ts), its worker and the one-minute sweep. pg-boss
// retries a failed run, and the run itself writes nothing twice (./backfill-store.ts).
import "server-only";
import type PgBoss from "pg-boss";
import { logger } from "@/lib/log";
import {
  BACKFILL_QUEUE,
  BACKFILL_SWEEP_QUEUE,
  rememberBackfillBoss,
  sweepQueuedBackfills,
} from "@/lib/snapshots/backfill-queue";
import { countingFailures } from "@/lib/metrics/hooks";

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
  rememberBackfillBoss(boss);
  await sweepQueuedBackfills(boss);
}
