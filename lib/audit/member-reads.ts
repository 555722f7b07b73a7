// Reads by team members, counted per member, key and UTC day for the activity page. A read
// must not cost a database write (hundreds of members polling a shared key would turn every
// cached answer into an UPDATE), so counts gather in memory and are written in one statement
// every FLUSH_MS, and before the activity page reads them. A failed write keeps the counts
// for the next attempt; a crash loses at most the last FLUSH_MS of counts of this instance.
import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";

const FLUSH_MS = 2_000;

const globalForCounts = globalThis as unknown as {
  keydeskMemberReads?: { pending: Map<string, number>; timer: NodeJS.Timeout | null; flushing: Promise<void> | null };
};
const state = (globalForCounts.keydeskMemberReads ??= { pending: new Map(), timer: null, flushing: null });

function dayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function scheduleFlush(ms: number): void {
  if (state.timer) return;
  state.timer = setTimeout(() => {
    state.timer = null;
    void flushMemberReads();
  }, ms);
  state.timer.unref();
}

export function noteMemberRead(userId: string, keyRef: string, now = new Date()): void {
  const k = `${userId}|${keyRef}|${dayOf(now)}`;
  state.pending.set(k, (state.pending.get(k) ?? 0) + 1);
  scheduleFlush(FLUSH_MS);
}

/** Writes the gathered counts (one INSERT … ON CONFLICT for all of them). */
export async function flushMemberReads(): Promise<void> {
  if (state.flushing) await state.flushing;
  if (!state.pending.size) return;
  const batch = [...state.pending];
  state.pending.clear();
  state.flushing = (async () => {
    try {
      const rows = batch.map(([k, n]) => {
        const [userId, keyRef, day] = k.split("|") as [string, string, string];
        return Prisma.sql`(${userId}, ${keyRef}, ${day}::date, ${n})`;
      });
      await db.$executeRaw`INSERT INTO "MemberRead" ("userId", "keyRef", "day", "count") VALUES ${Prisma.join(rows)}
        ON CONFLICT ("userId", "keyRef", "day") DO UPDATE SET "count" = "MemberRead"."count" + EXCLUDED."count"`;
    } catch (err) {
      for (const [k, n] of batch) state.pending.set(k, (state.pending.get(k) ?? 0) + n);
      logger.warn(
        { err: err instanceof Error ? err.message : String(err), pending: state.pending.size },
        "member read counts not written yet; will retry",
      );
      scheduleFlush(FLUSH_MS * 5);
    } finally {
      state.flushing = null;
    }
  })();
  await state.flushing;
}

/**
 * Writes what has gathered and stops the timer (a test file's end, a shutdown): nothing fires
 * afterwards. A failed write keeps its counts in memory, without a retry timer.
 */
export async function closeMemberReads(): Promise<void> {
  const stopTimer = () => {
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
  };
  stopTimer();
  await flushMemberReads();
  stopTimer();
}
