// The portfolio home's range figures, in SQL so a year of points never leaves the database.
// The chart: the keys' EUR totals summed per time bucket (UTC hour or day), each key counting with
// its last value so far (from its first point in the range on). Per key and bucket the bucket's
// last total; a key's change from its previous bucket, summed over keys and accumulated over
// buckets, is the sum of every key's latest value. Exact in numeric, rounded to cents at the end.
// Each key's stats: its first and last total in the range and its price effect (series.ts's
// changeOver: the stored per-snapshot effects after the range's first point, summed).
// Two readings give the same answers: from every stored point, and (for the daily ranges) from
// the daily totals ("KeyDailyTotal", kept by triggers on every snapshot write), one row per key
// and day.
import "server-only";
import { db } from "@/lib/db";
import type { Range } from "./ranges";

export type SeriesPoint = [string, string];

export type KeyStats = {
  keyId: string;
  firstTotal: string | null;
  lastTotal: string | null;
  /** 1 or 2: whether the key has at least two points in the range. */
  points: number;
  priceEffect: string;
};

/** How the home reads a range starting at `from` (null: all time) for the keys `ids`. */
export interface RangeReads {
  chart(ids: string[], from: Date | null, range: Range): Promise<SeriesPoint[]>;
  stats(ids: string[], from: Date | null, range: Range): Promise<Map<string, KeyStats>>;
}

/** From every stored point in the range, bucketed by hour or day. */
export async function seriesFromSnapshots(
  ids: string[],
  from: Date | null,
  unit: "hour" | "day",
): Promise<SeriesPoint[]> {
  if (!ids.length) return [];
  const rows = await db.$queryRaw<{ at: string; total: string }[]>`
    WITH b AS (
      SELECT DISTINCT ON ("keyId", bucket) "keyId", bucket, "totalEur"::numeric AS total
      FROM (SELECT "keyId", at, "totalEur", date_trunc(${unit}, at) AS bucket FROM "KeySnapshot"
        WHERE "keyId" = ANY(${ids}::text[]) AND at >= ${from ?? new Date(0)}) s
      ORDER BY "keyId", bucket, at DESC
    ), d AS (
      SELECT bucket, total - coalesce(lag(total) OVER (PARTITION BY "keyId" ORDER BY bucket), 0) AS delta FROM b
    )
    SELECT to_char(bucket, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
      round(sum(sum(delta)) OVER (ORDER BY bucket), 2)::text AS total
    FROM d GROUP BY bucket ORDER BY bucket`;
  return rows.map((r) => [r.at, r.total]);
}

/**
 * Daily buckets from the stored daily totals ("KeyDailyTotal": each key's last point of each UTC
 * day, kept by triggers on every snapshot write): one row per key and day instead of every point.
 * The same answer as seriesFromSnapshots(…, "day"): a day counts when its last point is in the
 * range (then the range's last point that day is the day's last), and its value is that point's.
 * Such a day starts at or after the range's start truncated to the day, which the key lookup uses.
 */
export async function seriesFromDailyTotals(ids: string[], from: Date | null): Promise<SeriesPoint[]> {
  if (!ids.length) return [];
  const start = from ?? new Date(0);
  const rows = await db.$queryRaw<{ at: string; total: string }[]>`
    WITH d AS (
      SELECT day AS bucket,
        "totalEur" - coalesce(lag("totalEur") OVER (PARTITION BY "keyId" ORDER BY day), 0) AS delta
      FROM "KeyDailyTotal"
      WHERE "keyId" = ANY(${ids}::text[]) AND day >= date_trunc('day', ${start}::timestamp) AND "lastAt" >= ${start}
    )
    SELECT to_char(bucket, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
      round(sum(sum(delta)) OVER (ORDER BY bucket), 2)::text AS total
    FROM d GROUP BY bucket ORDER BY bucket`;
  return rows.map((r) => [r.at, r.total]);
}

/**
 * Each key's stats from a few index lookups per key. The price effect after the range's first
 * point f: with `daily`, the effects later on f's own day plus the later days' stored sums;
 * otherwise every later point's. Rounded to cents.
 */
async function keyStats(ids: string[], from: Date | null, daily: boolean): Promise<Map<string, KeyStats>> {
  const start = from ?? new Date(0);
  const rows = daily
    ? await db.$queryRaw<KeyStats[]>`
    SELECT k.id AS "keyId", f."totalEur" AS "firstTotal", l."totalEur" AS "lastTotal",
      (CASE WHEN l.at > f.at THEN 2 ELSE 1 END)::int AS points,
      CASE WHEN sd.same_day IS NULL AND lt.later IS NULL THEN '0'
        ELSE round(coalesce(sd.same_day, 0) + coalesce(lt.later, 0), 2)::text END AS "priceEffect"
    FROM unnest(${ids}::text[]) AS k(id)
    CROSS JOIN LATERAL (SELECT at, "totalEur" FROM "KeySnapshot"
      WHERE "keyId" = k.id AND at >= ${start} ORDER BY at ASC LIMIT 1) f
    CROSS JOIN LATERAL (SELECT at, "totalEur" FROM "KeySnapshot"
      WHERE "keyId" = k.id AND at >= ${start} ORDER BY at DESC LIMIT 1) l
    CROSS JOIN LATERAL (SELECT sum("priceEffectEur") AS same_day FROM "KeySnapshot"
      WHERE "keyId" = k.id AND at > f.at AND at < date_trunc('day', f.at) + interval '1 day') sd
    CROSS JOIN LATERAL (SELECT sum("priceEffectEur") AS later FROM "KeyDailyTotal"
      WHERE "keyId" = k.id AND day > date_trunc('day', f.at)) lt`
    : await db.$queryRaw<KeyStats[]>`
    SELECT k.id AS "keyId", f."totalEur" AS "firstTotal", l."totalEur" AS "lastTotal",
      (CASE WHEN l.at > f.at THEN 2 ELSE 1 END)::int AS points,
      coalesce(e.effect, '0') AS "priceEffect"
    FROM unnest(${ids}::text[]) AS k(id)
    CROSS JOIN LATERAL (SELECT at, "totalEur" FROM "KeySnapshot"
      WHERE "keyId" = k.id AND at >= ${start} ORDER BY at ASC LIMIT 1) f
    CROSS JOIN LATERAL (SELECT at, "totalEur" FROM "KeySnapshot"
      WHERE "keyId" = k.id AND at >= ${start} ORDER BY at DESC LIMIT 1) l
    CROSS JOIN LATERAL (SELECT round(sum("priceEffectEur"), 2)::text AS effect FROM "KeySnapshot"
      WHERE "keyId" = k.id AND at > f.at) e`;
  return new Map(rows.map((r) => [r.keyId, r]));
}

const hourly = (range: Range) => range === "24h" || range === "7d";

/** As the home reads: hourly ranges from their points, 30 d and longer from the daily totals. */
export const rangeReads: RangeReads = {
  chart: (ids, from, range) =>
    hourly(range) ? seriesFromSnapshots(ids, from, "hour") : seriesFromDailyTotals(ids, from),
  stats: (ids, from, range) => keyStats(ids, from, !hourly(range)),
};

/** Every range from every stored point (the reading before daily totals): the reference the
 * daily totals are checked against in tests, and the "before" of bench:portfolio. */
export const rangeReadsFromPoints: RangeReads = {
  chart: (ids, from, range) => seriesFromSnapshots(ids, from, hourly(range) ? "hour" : "day"),
  stats: (ids, from) => keyStats(ids, from, false),
};
