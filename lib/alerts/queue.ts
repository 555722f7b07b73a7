// The process's pg-boss (on the same PostgreSQL, schema "pgboss"): started once per process
// from instrumentation.ts. Jobs survive restarts; a delivery job's id is derived from its
// alert, so sending it twice (two instances, a retried scan) stores one job, run once.
import "server-only";
import { createHash } from "node:crypto";
import PgBoss from "pg-boss";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/log";

export const DELIVER_QUEUE = "alerts-deliver";
export const SCAN_QUEUE = "alerts-scan-keys";
/** Invitation mail (lib/teams/invitation-mail.ts): on the same queue as the alerts' mail. */
export const INVITE_MAIL_QUEUE = "invitations-mail";

const globalForBoss = globalThis as unknown as { keydeskBoss?: Promise<PgBoss>; keydeskBossWorker?: boolean };

/**
 * worker: this process runs jobs, so it also takes part in pg-boss's maintenance and cron
 * (each done once across instances). A process that only sends (a CLI, a test) runs neither.
 */
async function createBoss(worker: boolean): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: getEnv().DATABASE_URL,
    max: 3,
    application_name: "keydesk-jobs",
    supervise: worker,
    schedule: worker,
  });
  boss.on("error", (err: Error) => logger.warn({ phase: "job", job: "pg-boss", err: err.message }, "job queue error"));
  await boss.start();
  await boss.createQueue(DELIVER_QUEUE, { name: DELIVER_QUEUE, retryLimit: 8, retryDelay: 30, retryBackoff: true });
  await boss.createQueue(SCAN_QUEUE, { name: SCAN_QUEUE, policy: "singleton" });
  await boss.createQueue(INVITE_MAIL_QUEUE, {
    name: INVITE_MAIL_QUEUE,
    retryLimit: 8,
    retryDelay: 30,
    retryBackoff: true,
  });
  return boss;
}

/** The started queue (created on first use; with `worker`, one that also supervises and schedules). */
export async function getBoss(opts: { worker?: boolean } = {}): Promise<PgBoss> {
  if (opts.worker && globalForBoss.keydeskBoss && !globalForBoss.keydeskBossWorker) await stopBoss();
  if (!globalForBoss.keydeskBoss) {
    globalForBoss.keydeskBossWorker = Boolean(opts.worker);
    globalForBoss.keydeskBoss = createBoss(Boolean(opts.worker));
    globalForBoss.keydeskBoss.catch(() => (globalForBoss.keydeskBoss = undefined));
  }
  return globalForBoss.keydeskBoss;
}

/**
 * Stops the queue (tests, shutdown): jobs in hand finish first (up to 5 s); jobs not started stay
 * stored for the next start. pg-boss then ends each worker's loop in the background, checking
 * about once a second; a worker process waits for those checks, so nothing of the queue still
 * ticks when the caller goes on (a test file that ends, its environment torn down).
 */
export async function stopBoss(): Promise<void> {
  const p = globalForBoss.keydeskBoss;
  const worker = globalForBoss.keydeskBossWorker;
  globalForBoss.keydeskBoss = undefined;
  const boss = p ? await p.catch(() => undefined) : undefined;
  if (!boss) return;
  await boss.stop({ graceful: true, timeout: 5_000, wait: true }).catch(() => undefined);
  if (worker) await new Promise((r) => setTimeout(r, 2_200));
}

/** A UUID fixed by the alert id: pg-boss stores one job per id. */
function jobIdFor(alertId: string): string {
  const h = createHash("sha256").update(`alert:${alertId}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export async function enqueueDelivery(alertId: string): Promise<void> {
  const boss = await getBoss();
  await boss.send(DELIVER_QUEUE, { alertId }, { id: jobIdFor(alertId) });
}
