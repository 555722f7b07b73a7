// A key's stored value, read one way for every page that shows it (the portfolio home, the keys
// list, a key's page): its newest snapshot, with the time it was taken. Pages promise values at
// most one snapshot period old (plus the job's run time); an older value is shown with its age.
import "server-only";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
const HOUR_MS = 3_600_000;

export interface StoredValue {
  keyId: string;
  at: Date;
  totalEur: string;
  rows: { currency: string; amount?: string; priceEur?: string | null; valueEur?: string | null }[];
}

/** The newest snapshot of each key, through the (keyId, at) index: one row per key. */
export async function readLatestValues(ids: readonly string[]): Promise<Map<string, StoredValue>> {
  if (!ids.length) return new Map();
  const rows = await db.$queryRaw<StoredValue[]>`
    SELECT s."keyId", s.at, s."totalEur", s.rows FROM unnest(${[...ids]}::text[]) AS k(id)
    CROSS JOIN LATERAL (SELECT "keyId", at, "totalEur", rows FROM "KeySnapshot"
      WHERE "keyId" = k.id ORDER BY at DESC LIMIT 1) s`;
  return new Map(rows.map((r) => [r.keyId, r]));
}

/** Grace for the scheduled job to get round every key after its period starts. */
const JOB_GRACE_MS = 15 * 60_000;

/** How old a stored value may be before a page marks it with its age. */
export function valueFreshForMs(): number {
  const every = getEnv().KEYDESK_SNAPSHOT_EVERY_HOURS || 1;
  return every * HOUR_MS + JOB_GRACE_MS;
}

/** The value's age in whole minutes when it is older than the pages promise; else null. */
export function staleAgeMinutes(at: Date | string, now: Date, freshForMs = valueFreshForMs()): number | null {
  const age = now.getTime() - new Date(at).getTime();
  return age > freshForMs ? Math.floor(age / 60_000) : null;
}
