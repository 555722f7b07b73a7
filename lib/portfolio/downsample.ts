// Storage stays small: hourly points for 7 days, after that each key's first and last point of
// each UTC day (so a day's opening and closing values, and the totals they carry, stay exact).
// A removed point's price effect (since its predecessor) is folded into the day's last point, the
// next point kept, so the summed price effects over any range of kept points stay the same.
import "server-only";
import { db } from "@/lib/db";

export const KEEP_HOURLY_DAYS = 7;

/** Deletes the points between each day's first and last, for whole UTC days older than 7 days. Returns how many. */
export async function downsampleSnapshots(now: Date): Promise<number> {
  const d = new Date(now.getTime() - KEEP_HOURLY_DAYS * 86_400_000);
  const cutoff = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  return db.$executeRaw`
    WITH ranked AS (
      SELECT id, "keyId", date_trunc('day', at) AS day, "priceEffectEur",
        row_number() OVER (PARTITION BY "keyId", date_trunc('day', at) ORDER BY at ASC) AS first_rank,
        row_number() OVER (PARTITION BY "keyId", date_trunc('day', at) ORDER BY at DESC) AS last_rank
      FROM "KeySnapshot" WHERE at < ${cutoff}
    ), removed AS (
      SELECT "keyId", day, sum("priceEffectEur") AS effect FROM ranked
      WHERE first_rank > 1 AND last_rank > 1 GROUP BY "keyId", day
    ), folded AS (
      UPDATE "KeySnapshot" s SET "priceEffectEur" = coalesce(s."priceEffectEur", 0) + r.effect
      FROM ranked k JOIN removed r ON r."keyId" = k."keyId" AND r.day = k.day
      WHERE s.id = k.id AND k.last_rank = 1 AND r.effect IS NOT NULL
    )
    DELETE FROM "KeySnapshot" s USING ranked d
    WHERE s.id = d.id AND d.first_rank > 1 AND d.last_rank > 1`;
}
