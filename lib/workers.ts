// Starts alert delivery, invitation mail and the minute key scan in this process (instrumentation.ts, once per
// process). pg-boss hands each job to one worker across all instances; the scan is a pg-boss
// schedule (stored in PostgreSQL, fired once per minute for the whole deployment).
import "server-only";
import { logger } from "@/lib/log";
import { deliverAlert } from "@/lib/alerts/deliver";
import { scanKeys } from "@/lib/alerts/scan";
import { DELIVER_QUEUE, getBoss, SCAN_QUEUE } from "@/lib/alerts/queue";
import { workInvitationMail } from "@/lib/teams/invitation-mail";
import { countingFailures } from "@/lib/metrics/hooks";

const globalForWorker = globalThis as unknown as { keydeskAlertWorker?: Promise<void> };

async function start(): Promise<void> {
  const boss = await getBoss({ worker: true });
  await boss.work<{ alertId: string }>(
    DELIVER_QUEUE,
    { pollingIntervalSeconds: 1, batchSize: 20 },
    countingFailures(DELIVER_QUEUE, async (jobs) => {
      for (const job of jobs) await deliverAlert(job.data.alertId);
    }),
  );
  await boss.work(
    SCAN_QUEUE,
    countingFailures(SCAN_QUEUE, async () => {
      await scanKeys();
    }),
  );
  await boss.schedule(SCAN_QUEUE, "* * * * *");
  await workInvitationMail(boss);
  logger.info({ phase: "startup" }, "alert worker started");
}

export function startAlertWorker(): Promise<void> {
  globalForWorker.keydeskAlertWorker ??= start().catch((err: unknown) => {
    globalForWorker.keydeskAlertWorker = undefined;
    logger.error(
      { phase: "startup", err: err instanceof Error ? err.message : "unknown" },
      "alert worker did not start",
    );
  });
  return globalForWorker.keydeskAlertWorker;
}

/** Forgets the started worker (tests: after stopBoss, a new start runs a new worker). */
export function resetAlertWorker(): void {
  globalForWorker.keydeskAlertWorker = undefined;
}
