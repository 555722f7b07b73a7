// Writes a key's rebuilt daily points in one transaction, all or none: the key's row is locked
// first (FOR SHARE), so a delete or an emergency stop either waits for the points (and the delete
// then takes them with the key) or wins, and no point is written. Plain INSERTs, oldest first,
// so every trigger on KeySnapshot sees them (the price-effect chain; stored daily totals).
// ON CONFLICT on (keyId, hour) makes a retried job write nothing twice.
import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { SnapshotRow } from "@/lib/snapshots/store";
import { hourOf } from "@/lib/snapshots/store";

export interface BackfillPoint {
  at: Date;
  totalEur: string;
  rows: SnapshotRow[];
}

/** "stored" with the number written, or "gone" when the key was deleted or stopped meanwhile. */
export async function storeBackfillPoints(
  keyId: string,
  points: readonly BackfillPoint[],
): Promise<{ outcome: "stored"; written: number } | { outcome: "gone" }> {
  const oldestFirst = [...points].sort((a, b) => a.at.getTime() - b.at.getTime());
  return db.$transaction(
    async (tx) => {
      const live = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "ApiKey" WHERE id = ${keyId} AND status <> 'stopped' FOR SHARE`;
      if (live.length === 0) return { outcome: "gone" as const };
      let written = 0;
      for (const p of oldestFirst) {
        written += await tx.$executeRaw`
          INSERT INTO "KeySnapshot" (id, "keyId", at, hour, "totalEur", rows, source)
          VALUES (${randomUUID()}, ${keyId}, ${p.at}, ${hourOf(p.at)}, ${p.totalEur},
            ${JSON.stringify(p.rows)}::jsonb, 'backfill')
          ON CONFLICT ("keyId", hour) DO NOTHING`;
      }
      // The first recorded snapshot's price effect is now since the newest rebuilt point, not
      // NULL: recomputed here from its actual predecessor (the insert trigger does the same per
      // row; this states it once, whatever order the rows arrived in), so the effects still sum
      // to the series.
      await tx.$executeRaw`
        UPDATE "KeySnapshot" s SET "priceEffectEur" = "snapshot_price_effect"(p.rows, s.rows)
        FROM (SELECT id FROM "KeySnapshot" WHERE "keyId" = ${keyId} AND source <> 'backfill'
              ORDER BY at LIMIT 1) f,
        LATERAL (SELECT rows FROM "KeySnapshot" q WHERE q."keyId" = ${keyId}
                 AND q.at < (SELECT at FROM "KeySnapshot" WHERE id = f.id) ORDER BY q.at DESC LIMIT 1) p
        WHERE s.id = f.id`;
      return { outcome: "stored" as const, written };
    },
    { timeout: 30_000 },
  );
}
