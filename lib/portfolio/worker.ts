// Starts the portfolio jobs in this process (instrumentation.ts, once per process), on the same
// pg-boss as the alerts (lib/alerts/queue.ts): snapshots, downsampling and new keys' backfills.
import "server-only";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/log";
import { getBoss } from "@/lib/alerts/queue";
import { registerPortfolioJobs } from "./jobs";
import { registerBackfillJobs } from "./backfill-jobs";

const globalForWorker = globalThis as unknown as { keydeskPortfolioWorker?: Promise<void> };

export function startPortfolioWorker(): Promise<void> {
  const { KEYDESK_SNAPSHOT_EVERY_HOURS: everyHours, KEYDESK_BACKFILL_DAYS: backfillDays } = getEnv();
  // Each part has its own switch: snapshots off still backfills new keys, and the other way round.
  if (everyHours === 0 && backfillDays === 0) return Promise.resolve();
  globalForWorker.keydeskPortfolioWorker ??= getBoss({ worker: true })
    .then(async (boss) => {
      if (everyHours > 0) await registerPortfolioJobs(boss, { everyHours });
      if (backfillDays > 0) await registerBackfillJobs(boss);
    })
    .then(() => logger.info({ phase: "startup", everyHours, backfillDays }, "portfolio worker started"))
    .catch((err: unknown) => {
      globalForWorker.keydeskPortfolioWorker = undefined;
      logger.error(
        { phase: "startup", err: err instanceof Error ? err.message : "unknown" },
        "portfolio worker did not start",
      );
    });
  return globalForWorker.keydeskPortfolioWorker;
}
