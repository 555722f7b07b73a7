// One key's value chart data, from stored snapshots only (no exchange call). With hidden
// amounts (a member whose every share hides them), no amount leaves: the points are percent
// changes from the range's first point, and the change is given in percent only.
import "server-only";
import Decimal from "decimal.js";
import { db } from "@/lib/db";
import type { KeyAccess } from "@/lib/keys/access";
import { changeOver, pctOf, rangeStart, type Range, type StoredPoint } from "./series";

export interface KeySeries {
  range: Range;
  amountsHidden: boolean;
  /** [ISO time, EUR total] or, with amounts hidden, [ISO time, % change from the first point]. */
  points: [string, string][];
  changeEur: string | null;
  changePct: string | null;
  priceEffectEur: string | null;
  balanceEffectEur: string | null;
  priceEffectPct: string | null;
  balanceEffectPct: string | null;
  firstAt: string | null;
  lastAt: string | null;
}

export async function loadPoints(keyIds: string[], from: Date | null): Promise<Map<string, StoredPoint[]>> {
  const rows = await db.keySnapshot.findMany({
    where: { keyId: { in: keyIds }, ...(from ? { at: { gte: from } } : {}) },
    select: { keyId: true, at: true, totalEur: true, rows: true, priceEffectEur: true },
    orderBy: { at: "asc" },
  });
  const out = new Map<string, StoredPoint[]>(keyIds.map((k) => [k, []]));
  for (const r of rows)
    out.get(r.keyId)!.push({
      at: r.at,
      totalEur: r.totalEur,
      rows: r.rows as StoredPoint["rows"],
      // The stored effect (as the portfolio home sums it), so both agree after downsampling.
      priceEffectEur: r.priceEffectEur?.toFixed() ?? null,
    });
  return out;
}

export function seriesFrom(points: StoredPoint[], range: Range, hide: boolean): KeySeries {
  const c = changeOver(points);
  const base = points[0]?.totalEur ?? "0";
  return {
    range,
    amountsHidden: hide,
    points: points.map((p) => [
      p.at.toISOString(),
      hide ? (pctOf(new Decimal(p.totalEur).sub(base).toFixed(), base) ?? "0") : p.totalEur,
    ]),
    changeEur: hide ? null : (c?.changeEur ?? null),
    changePct: c?.changePct ?? null,
    priceEffectEur: hide ? null : (c?.priceEffectEur ?? null),
    balanceEffectEur: hide ? null : (c?.balanceEffectEur ?? null),
    priceEffectPct: c ? pctOf(c.priceEffectEur, base) : null,
    balanceEffectPct: c ? pctOf(c.balanceEffectEur, base) : null,
    firstAt: points[0]?.at.toISOString() ?? null,
    lastAt: points[points.length - 1]?.at.toISOString() ?? null,
  };
}

export async function readKeySeries(access: KeyAccess, range: Range, now = new Date()): Promise<KeySeries> {
  const points = (await loadPoints([access.id], rangeStart(range, now))).get(access.id) ?? [];
  return seriesFrom(points, range, access.hideAmounts);
}
