// The portfolio home's data: every key a person can see (their own and shared with them), from
// stored snapshots only (no exchange call, so it answers fast). A key whose amounts are hidden
// from this person contributes no amount anywhere, not even to the total: it is listed with
// percentages only (its own allocation and its change).
import "server-only";
import Decimal from "decimal.js";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/sessions/session";
import { pctOf, rangeStart, type Range } from "./series";
import { decideCounting, sharedAccountGroups, type CountDecision, type ExcludedReason } from "./accounts";
import { readLatestValues, staleAgeMinutes, valueFreshForMs } from "@/lib/keys/stored-value";
import { rangeReads, type KeyStats, type RangeReads } from "./range-reads";

export interface PortfolioKeyPart {
  id: string;
  label: string;
  role: "owner" | "member";
  status: string;
  amountsHidden: boolean;
  /** Time of the newest snapshot (the part's freshness); null when none yet. */
  lastAt: string | null;
  /** The value's age in minutes when older than the page promises (lib/keys/stored-value.ts); else null. */
  staleMinutes: number | null;
  valueEur: string | null;
  partPct: string | null;
  changePct: string | null;
  allocation: { currency: string; pct: string }[];
  /** How the key takes part in the total (lib/portfolio/accounts.ts). */
  counting: CountDecision["kind"];
  /** Not counted because it can't be read: why (its last value is still shown). */
  excludedReason: ExcludedReason | null;
  /** Another key of the same exchange account counts instead: its label. */
  countedInstead: string | null;
}

export interface PortfolioHome {
  range: Range;
  totalEur: string;
  /** Every key the reader sees hides its amounts: there is no total to show, only that. */
  allHidden: boolean;
  /** [ISO time, EUR total of the keys that count] */
  points: [string, string][];
  changeEur: string | null;
  changePct: string | null;
  priceEffectEur: string | null;
  balanceEffectEur: string | null;
  allocation: { currency: string; valueEur: string; pct: string }[];
  /** Keys that count or wait for a value, and those the headline leaves out (listed under it). */
  keys: PortfolioKeyPart[];
  excluded: PortfolioKeyPart[];
  /** Labels of keys that share one exchange account (each group counts once). */
  sharedAccounts: string[][];
  /** Counted values older than the page's promise. */
  staleCount: number;
  freshForMinutes: number;
  hiddenCount: number;
}

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
      accountId: true,
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
      accountId: r.accountId,
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
  const latestBy = await readLatestValues(ids);
  const decisions = decideCounting(
    keys.map((k) => ({
      id: k.id,
      accountId: k.accountId,
      status: k.status,
      hideAmounts: k.hideAmounts,
      value: latestBy.get(k.id) ?? null,
    })),
  );
  const counted = keys.filter((k) => decisions.get(k.id)?.kind === "counted");
  const countedIds = counted.map((k) => k.id);
  const from = rangeStart(range, now);
  const freshForMs = valueFreshForMs();
  const [stats, points] = ids.length
    ? await Promise.all([
        reads.stats(ids, from, range),
        // The chart sums the keys that count (each account once, readable, amounts shown).
        reads.chart(countedIds, from, range),
      ])
    : [new Map<string, KeyStats>(), [] as [string, string][]];
  let total = new Decimal(0);
  for (const k of counted) total = total.add(latestBy.get(k.id)?.totalEur ?? "0");

  const byCurrency = new Map<string, Decimal>();
  for (const k of counted)
    for (const r of latestBy.get(k.id)?.rows ?? [])
      if (r.valueEur) byCurrency.set(r.currency, (byCurrency.get(r.currency) ?? new Decimal(0)).add(r.valueEur));
  const allocation = allocationOf(
    [...byCurrency].map(([currency, v]) => ({ currency, valueEur: v.toFixed(2) })),
    total,
  ).map((a) => ({ currency: a.currency, valueEur: a.value.toFixed(2), pct: a.pct }));

  const first = points[0];
  const lastPoint = points[points.length - 1];
  let priceEffect = new Decimal(0);
  for (const k of counted) priceEffect = priceEffect.add(stats.get(k.id)?.priceEffect ?? "0");
  const change = first && lastPoint && points.length > 1 ? new Decimal(lastPoint[1]).sub(first[1]) : null;
  const labelOf = new Map(keys.map((k) => [k.id, k.label]));

  const parts: PortfolioKeyPart[] = keys.map((k) => {
    const l = latestBy.get(k.id);
    const own = new Decimal(l?.totalEur ?? "0");
    const hide = k.hideAmounts;
    const d = decisions.get(k.id)!;
    return {
      id: k.id,
      label: k.label,
      role: k.role,
      status: k.status,
      amountsHidden: hide,
      lastAt: l?.at.toISOString() ?? null,
      staleMinutes: l && !hide ? staleAgeMinutes(l.at, now, freshForMs) : null,
      valueEur: hide || !l ? null : l.totalEur,
      partPct: d.kind !== "counted" || total.isZero() ? null : own.div(total).mul(100).toFixed(1),
      changePct: d.kind === "excluded" ? null : changeOf(stats.get(k.id)),
      allocation: allocationOf(l?.rows ?? [], own).map((a) => ({ currency: a.currency, pct: a.pct })),
      counting: d.kind,
      excludedReason: d.kind === "excluded" ? d.reason : null,
      countedInstead: d.kind === "same_account" ? (labelOf.get(d.countedId) ?? null) : null,
    };
  });

  return {
    range,
    totalEur: total.toFixed(2),
    allHidden: keys.length > 0 && keys.every((k) => k.hideAmounts),
    points,
    changeEur: change?.toFixed(2) ?? null,
    changePct: change && first ? pctOf(change.toFixed(), first[1]) : null,
    priceEffectEur: change ? priceEffect.toFixed(2) : null,
    balanceEffectEur: change ? change.sub(priceEffect).toFixed(2) : null,
    allocation,
    keys: parts.filter((p) => p.counting !== "excluded"),
    excluded: parts.filter((p) => p.counting === "excluded"),
    // Only among keys whose amounts the reader sees: a hidden share says nothing about its account.
    sharedAccounts: sharedAccountGroups(keys.filter((k) => !k.hideAmounts)).map((g) => g.map((k) => k.label)),
    staleCount: parts.filter((p) => p.counting === "counted" && p.staleMinutes !== null).length,
    freshForMinutes: Math.round(freshForMs / 60_000),
    hiddenCount: keys.filter((k) => k.hideAmounts).length,
  };
}
