// The gauges read from the shared stores at scrape time, so every instance reports the same
// figure for what they share: the upstream budget (Redis, or this process without it) and
// pg-boss's queue (PostgreSQL). Accounts are summarised (the busiest one, counts per band),
// never named: an exchange account id is no label.
import "server-only";
import { db } from "@/lib/db";
import { egressKey, getGate } from "@/lib/limiter/instance";
import { logger } from "@/lib/log";
import { metrics } from "@/lib/metrics/registry";

/** Accounts looked at per scrape: enough for any deployment, bounded for a huge one. */
const MAX_ACCOUNTS = 5_000;
const JOB_STATES = ["created", "retry", "active", "failed"] as const;
const MAX_QUEUES = 50;

/** The band of an account's last minute against its ceiling. */
export function accountBand(used: number, ceiling: number): "under_50" | "50_to_80" | "80_to_100" | "at_ceiling" {
  const share = used / ceiling;
  if (share >= 1) return "at_ceiling";
  if (share >= 0.8) return "80_to_100";
  if (share >= 0.5) return "50_to_80";
  return "under_50";
}

async function refreshBudget(): Promise<void> {
  const m = metrics();
  const gate = getGate();
  const plans = gate.budget.plans();
  m.budgetCeiling.set({ layer: "ip" }, plans.ip.ceilingPerMinute);
  m.budgetCeiling.set({ layer: "account" }, plans.account.ceilingPerMinute);
  m.budgetUsed.set({ layer: "ip" }, await gate.budget.used("ip", egressKey()));
  const rows = await db.apiKey.findMany({
    distinct: ["accountId"],
    select: { accountId: true },
    take: MAX_ACCOUNTS,
  });
  const used = await Promise.all(rows.map((r) => gate.budget.used("account", r.accountId)));
  const bands = { under_50: 0, "50_to_80": 0, "80_to_100": 0, at_ceiling: 0 };
  for (const u of used) bands[accountBand(u, plans.account.ceilingPerMinute)]++;
  for (const [band, n] of Object.entries(bands)) m.accountsByUse.set({ band }, n);
  m.accountBudgetMax.set(used.reduce((a, b) => Math.max(a, b), 0));
}

async function refreshJobs(): Promise<void> {
  const m = metrics();
  // pg-boss creates its schema on its first start: before that there is no queue to report.
  const [{ exists } = { exists: false }] = await db.$queryRaw<{ exists: boolean }[]>`
    SELECT to_regclass('pgboss.queue') IS NOT NULL AS exists`;
  if (!exists) return;
  const queues = await db.$queryRaw<{ name: string }[]>`
    SELECT name FROM pgboss.queue ORDER BY name LIMIT ${MAX_QUEUES}`;
  const counts = await db.$queryRaw<{ name: string; state: string; n: number }[]>`
    SELECT name, state::text AS state, count(*)::int AS n FROM pgboss.job
    WHERE state::text IN ('created', 'retry', 'active', 'failed') GROUP BY name, state`;
  m.jobs.reset();
  for (const q of queues) for (const state of JOB_STATES) m.jobs.set({ queue: q.name, state }, 0);
  const known = new Set(queues.map((q) => q.name));
  for (const c of counts) if (known.has(c.name)) m.jobs.set({ queue: c.name, state: c.state }, c.n);
}

/** Brings the shared gauges up to date; a store that does not answer leaves its gauges as they were. */
export async function refreshSharedGauges(): Promise<void> {
  const results = await Promise.allSettled([refreshBudget(), refreshJobs()]);
  for (const r of results) {
    if (r.status === "rejected")
      logger.warn({ err: r.reason instanceof Error ? r.reason.message : "unknown" }, "metrics: a shared gauge failed");
  }
}
