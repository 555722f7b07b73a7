// A key's snapshot: its balances valued in EUR exactly as the Overview values them
// (lib/money/valuation.ts), stored with the time, each currency's amount and price, and the total.
// At most one per key per hour: the (keyId, hour) unique index decides, across instances.
import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";
import { valueBalances, type BalanceLike, type TickerLike } from "@/lib/money/valuation";

export interface SnapshotRow {
  currency: string;
  amount: string;
  priceEur: string | null;
  valueEur: string | null;
}

export const HOUR_MS = 3_600_000;

export function hourOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

/** The snapshot's figures, from the same valuation the Overview shows. Zero balances are left out. */
export function valueSnapshot(
  balances: readonly BalanceLike[],
  tickers: readonly TickerLike[],
): { totalEur: string; rows: SnapshotRow[] } {
  const valued = valueBalances(balances, tickers);
  return {
    totalEur: valued.totalEur,
    rows: valued.rows
      .filter((r) => r.total !== "0")
      .map((r) => ({ currency: r.currency, amount: r.total, priceEur: r.priceEur, valueEur: r.valueEur })),
  };
}

// Keys already recorded for an hour in this process: a busy key's reads skip the insert.
const recorded = new Map<string, number>();

/** Stores one snapshot unless the key has one for this hour. True when this call stored it. */
export async function recordSnapshot(
  keyId: string,
  balances: readonly BalanceLike[],
  tickers: readonly TickerLike[],
  at: Date,
  source: "read" | "job",
): Promise<boolean> {
  const hour = hourOf(at);
  if (recorded.get(keyId) === hour.getTime()) return false;
  const { totalEur, rows } = valueSnapshot(balances, tickers);
  const stored = await db.$executeRaw`
    INSERT INTO "KeySnapshot" (id, "keyId", at, hour, "totalEur", rows, source)
    SELECT ${randomUUID()}, ${keyId}, ${at}, ${hour}, ${totalEur}, ${JSON.stringify(rows)}::jsonb, ${source}
    WHERE EXISTS (SELECT 1 FROM "ApiKey" WHERE id = ${keyId})
    ON CONFLICT ("keyId", hour) DO NOTHING`;
  if (recorded.size > 10_000) recorded.clear();
  recorded.set(keyId, hour.getTime());
  return stored > 0;
}

/** The read path's hook: a read that happened anyway records a snapshot; it never fails the read. */
export async function recordSnapshotFromRead(
  keyId: string,
  balances: readonly BalanceLike[],
  tickers: readonly TickerLike[],
  fetchedAt: string,
): Promise<void> {
  try {
    await recordSnapshot(keyId, balances, tickers, new Date(fetchedAt), "read");
  } catch (err) {
    logger.warn({ err: err instanceof Error ? err.message : "unknown", keyRef: keyId }, "snapshot not recorded");
  }
}

/** Tests: forget which keys this process recorded. */
export function forgetRecordedSnapshots(): void {
  recorded.clear();
}
