// A new key's backfill, queued on the process's pg-boss (lib/alerts/queue.ts). Adding a key
// marks its backfill queued (a row in PostgreSQL, so it survives a restart) and, in a process
// that runs the workers, sends its job at once; a one-minute sweep sends the job of any key
// still queued (a key added by a process without workers, or while the queue was down). Each
// key's job id is fixed by the key, so sending it twice stores one job. Below lib/keys, so that
// adding a key can queue it; the worker that runs the jobs is lib/portfolio/backfill-jobs.ts.
import "server-only";
import { createHash } from "node:crypto";
import type PgBoss from "pg-boss";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/log";
import { markQueued } from "./backfill-state";

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

/** The pg-boss whose backfill queue is registered in this process: new keys' jobs go straight to it. */
export function rememberBackfillBoss(boss: PgBoss): void {
  globalForBackfill.keydeskBackfillBoss = boss;
}

/** Tests: forget the registered queue (after stopping it). */
export function forgetBackfillBoss(): void {
  globalForBackfill.keydeskBackfillBoss = undefined;
}
