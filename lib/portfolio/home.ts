// The portfolio home's data: every key a person can see (their own and shared with them), from
// stored snapshots only (no exchange call, so it answers fast). A key whose amounts are hidden
// from this person contributes no amount anywhere, not even to the total: it is listed with
// percentages only (its own allocation and its change).
import "server-only";
import Decimal from "decimal.js";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/sessions/session";
import { pctOf, rangeStart, type Range, type StoredPoint } from "./series";
import { rangeReads, type KeyStats, type RangeReads } from "./range-reads";

export interface PortfolioKeyPart {
  id: string;
  label: string;
  role: "owner" | "member";
  status: string;
  amountsHidden: boolean;
  /** Time of the newest snapshot (the part's freshness); null when none yet. */
  lastAt: string | null;
  valueEur: string | null;
  partPct: string | null;
  changePct: string | null;
  allocation: { currency: string; pct: string }[];
}

export interface PortfolioHome {
  range: Range;
  totalEur: string;
  /** [ISO time, EUR total of the keys with amounts] */
  points: [string, string][];
  changeEur: string | null;
  changePct: string | null;
  priceEffectEur: string | null;
  balanceEffectEur: string | null;
  allocation: { currency: string; valueEur: string; pct: string }[];
  keys: PortfolioKeyPart[];
  hiddenCount: number;
}

type Latest = { keyId: string; at: Date; totalEur: string; rows: StoredPoint["rows"] & { valueEur?: string | null }[] };

function allocationOf(rows: { currency: string; valueEur?: string | null }[], total: Decimal) {
  return rows
    .filter((r) => r.valueEur && !new Decimal(r.valueEur).isZero())
    .map((r) => ({ currency: r.currency, value: new Decimal(r.valueEur!) }))
    .sort((a, b) => b.value.cmp(a.value))
    .map((r) => ({
      currency: r.currency,
      value: r.value,
      pct: total.isZero() ? "0.0" : r.value.div(total).mul(100).toFixed(1),
    }));
}

/** A key's change over the range in percent of its first value. */
function changeOf(s: KeyStats | undefined): string | null {
  if (!s?.firstTotal || !s.lastTotal || s.points < 2) return null;
  return pctOf(new Decimal(s.lastTotal).sub(s.firstTotal).toFixed(), s.firstTotal);
}

/** The keys the person sees (as lib/keys/queries lists them): own, and shared through any of their teams. */
async function listVisibleKeys(userId: string) {
  const rows = await db.apiKey.findMany({
    where: {
      OR: [{ ownerId: userId }, { shares: { some: { team: { members: { some: { userId } } } } } }],
    },
    select: {
      id: true,
      label: true,
      status: true,
      ownerId: true,
      shares: { where: { team: { members: { some: { userId } } } }, select: { hideAmounts: true } },
    },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((r) => {
    const role = r.ownerId === userId ? ("owner" as const) : ("member" as const);
    // As requireKeyAccess decides: a member sees amounts when any of their shares shows them.
    return {
      id: r.id,
      label: r.label,
      status: r.status,
      role,
      hideAmounts: role === "member" && r.shares.every((s) => s.hideAmounts),
    };
  });
}

/** The home's data. `reads` reads the range's chart and per-key stats (daily totals from 30 days
 * on; tests and the bench pass the every-point reading to compare). */
export async function readPortfolioHome(
  user: CurrentUser,
  range: Range,
  now = new Date(),
  reads: RangeReads = rangeReads,
): Promise<PortfolioHome> {
  const keys = await listVisibleKeys(user.id);
  // A key its owner stopped ("may be compromised") gives its members nothing more, not even its
  // stored figures: it stays listed, marked stopped. Its owner keeps the history.
  const ids = keys.filter((k) => k.role === "owner" || k.status !== "stopped").map((k) => k.id);
  const withData = new Set(ids);
  const from = rangeStart(range, now);
  const shown = keys.filter((k) => !k.hideAmounts && withData.has(k.id));
  const [latest, stats, points] = ids.length
    ? await Promise.all([
        // Each key's newest snapshot through the (keyId, at) index: one row per key.
        db.$queryRaw<Latest[]>`
          SELECT s."keyId", s.at, s."totalEur", s.rows FROM unnest(${ids}::text[]) AS k(id)
          CROSS JOIN LATERAL (SELECT "keyId", at, "totalEur", rows FROM "KeySnapshot"
            WHERE "keyId" = k.id ORDER BY at DESC LIMIT 1) s`,
        reads.stats(ids, from, range),
        // The chart sums only the keys whose amounts this person sees.
        reads.chart(
          shown.map((k) => k.id),
          from,
          range,
        ),
      ])
    : [[] as Latest[], new Map<string, KeyStats>(), [] as [string, string][]];
  const latestBy = new Map(latest.map((l) => [l.keyId, l]));
  let total = new Decimal(0);
  for (const k of shown) total = total.add(latestBy.get(k.id)?.totalEur ?? "0");

  const byCurrency = new Map<string, Decimal>();
  for (const k of shown)
    for (const r of (latestBy.get(k.id)?.rows ?? []) as { currency: string; valueEur?: string | null }[])
      if (r.valueEur) byCurrency.set(r.currency, (byCurrency.get(r.currency) ?? new Decimal(0)).add(r.valueEur));
  const allocation = allocationOf(
    [...byCurrency].map(([currency, v]) => ({ currency, valueEur: v.toFixed(2) })),
    total,
  ).map((a) => ({ currency: a.currency, valueEur: a.value.toFixed(2), pct: a.pct }));

  const first = points[0];
  const lastPoint = points[points.length - 1];
  let priceEffect = new Decimal(0);
  for (const k of shown) priceEffect = priceEffect.add(stats.get(k.id)?.priceEffect ?? "0");
  const change = first && lastPoint && points.length > 1 ? new Decimal(lastPoint[1]).sub(first[1]) : null;

  return {
    range,
    totalEur: total.toFixed(2),
    points,
    changeEur: change?.toFixed(2) ?? null,
    changePct: change && first ? pctOf(change.toFixed(), first[1]) : null,
    priceEffectEur: change ? priceEffect.toFixed(2) : null,
    balanceEffectEur: change ? change.sub(priceEffect).toFixed(2) : null,
    allocation,
    keys: keys.map((k) => {
      const l = latestBy.get(k.id);
      const own = new Decimal(l?.totalEur ?? "0");
      const hide = k.hideAmounts;
      return {
        id: k.id,
        label: k.label,
        role: k.role,
        status: k.status,
        amountsHidden: hide,
        lastAt: l?.at.toISOString() ?? null,
        valueEur: hide || !l ? null : l.totalEur,
        partPct: hide || !l || total.isZero() ? null : own.div(total).mul(100).toFixed(1),
        changePct: changeOf(stats.get(k.id)),
        allocation: allocationOf((l?.rows ?? []) as { currency: string; valueEur?: string | null }[], own).map((a) => ({
          currency: a.currency,
          pct: a.pct,
        })),
      };
    }),
    hiddenCount: keys.filter((k) => k.hideAmounts).length,
  };
}
