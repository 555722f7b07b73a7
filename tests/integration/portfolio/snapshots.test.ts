// Valuation snapshots on real PostgreSQL, pg-boss and the simulator: values equal the
// simulator's balances × tickers exactly; reads record at most one per key per hour; with two
// instances the scheduled job runs once per period; downsampling keeps each day's first and last.
import Decimal from "decimal.js";
import PgBoss from "pg-boss";
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { getEnv, resetEnvCache } from "@/lib/env";
import { db, disconnectDb } from "@/lib/db";
import { addKeyForUser } from "@/lib/keys/add-key";
import type { CurrentUser } from "@/lib/sessions/session";
import { newTestUser } from "../../helpers/users";

let sim: RunningSimulator;
let owner: CurrentUser;
const bosses: PgBoss[] = [];

type Ticker = { instrument_code: string; last_price: string };
type Bal = { currency_code: string; available: string; locked: string };

beforeAll(async () => {
  sim = await startSimulator({ port: 0, controlPort: 0, seed: "snapshots" });
  Object.assign(process.env, { EXCHANGE_BASE_URL: sim.url, SIMULATOR_CONTROL_URL: sim.controlUrl, REDIS_URL: "" });
  resetEnvCache();
  owner = await newTestUser("snap-owner");
});
afterAll(async () => {
  for (const b of bosses) await b.stop({ graceful: false, wait: true }).catch(() => undefined);
  await sim.close();
  await disconnectDb();
});

async function addDemo(name: string): Promise<string> {
  const r = await addKeyForUser(
    { user: owner, steppedUp: true },
    { label: `Snap ${name}`, key: sim.demoKeys[name]!.key, confirmation: "WITHDRAW", confirmTrade: "yes" },
  );
  if (!r.ok) throw new Error(r.message);
  return r.keyRowId;
}
const upstream = async <T>(path: string, key?: string): Promise<T> =>
  (await (await fetch(`${sim.url}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} })).json()) as T;

/** The EUR value the simulator's own figures give, computed here independently of lib/money. */
function expected(balances: Bal[], tickers: Ticker[]) {
  const price = new Map(tickers.map((t) => [t.instrument_code, new Decimal(t.last_price)]));
  let total = new Decimal(0);
  const rows: Record<string, { amount: string; valueEur: string | null }> = {};
  for (const b of balances) {
    const amount = new Decimal(b.available).add(b.locked);
    if (amount.isZero()) continue;
    const btcEur = price.get("BTC_EUR")!;
    const p =
      b.currency_code === "EUR"
        ? new Decimal(1)
        : (price.get(`${b.currency_code}_EUR`) ??
          price.get(`${b.currency_code}_BTC`)?.mul(btcEur) ??
          // A quote currency without a EUR market (USDT): BTC_EUR / BTC_USDT.
          (price.get(`BTC_${b.currency_code}`) ? btcEur.div(price.get(`BTC_${b.currency_code}`)!) : null));
    const value = p ? amount.mul(p) : null;
    if (value) total = total.add(value);
    rows[b.currency_code] = {
      amount: amount.toFixed(),
      valueEur: value ? value.toFixed(2, Decimal.ROUND_HALF_UP) : null,
    };
  }
  return { totalEur: total.toFixed(2, Decimal.ROUND_HALF_UP), rows };
}

it("a snapshot equals the simulator's balances × tickers, exactly; a read records at most one per hour", async () => {
  const { takeSnapshot } = await import("@/lib/portfolio/take");
  const keyId = await addDemo("demo-read");
  const key = sim.demoKeys["demo-read"]!.key;
  // Prices move every 10 s at the simulator: retry until the tickers before and after agree.
  for (let attempt = 0; ; attempt++) {
    await db.keySnapshot.deleteMany({ where: { keyId } });
    (await import("@/lib/snapshots/store")).forgetRecordedSnapshots();
    const before = await upstream<Ticker[]>("/market-ticker");
    const balances = (await upstream<{ balances: Bal[] }>("/account/balances", key)).balances;
    expect(await takeSnapshot(keyId)).toBe("stored");
    const after = await upstream<Ticker[]>("/market-ticker");
    if (JSON.stringify(before) !== JSON.stringify(after) && attempt < 5) continue;
    const snap = await db.keySnapshot.findFirstOrThrow({ where: { keyId } });
    const want = expected(balances, after);
    const rows = snap.rows as { currency: string; amount: string; valueEur: string | null }[];
    expect(Object.fromEntries(rows.map((r) => [r.currency, { amount: r.amount, valueEur: r.valueEur }]))).toEqual(
      want.rows,
    );
    expect(snap.totalEur).toBe(want.totalEur);
    expect(new Decimal(snap.totalEur).gt(0)).toBe(true);
    expect(snap.source).toBe("job");
    break;
  }
  // The job again this hour: nothing more. A read this hour: nothing more either.
  expect(await takeSnapshot(keyId)).toBe("exists");
  const { readValuation } = await import("@/lib/reads/valuation");
  await readValuation(owner, keyId);
  expect(await db.keySnapshot.count({ where: { keyId } })).toBe(1);
  // A read in an hour without one records it.
  await db.keySnapshot.deleteMany({ where: { keyId } });
  (await import("@/lib/snapshots/store")).forgetRecordedSnapshots();
  const p = await readValuation(owner, keyId, { refresh: true });
  const read = await db.keySnapshot.findFirstOrThrow({ where: { keyId } });
  expect(read).toEqual(expect.objectContaining({ source: "read", totalEur: p.totalEur }));
});

it("with two instances the scheduled job runs once per period", async () => {
  const { registerPortfolioJobs, periodStart } = await import("@/lib/portfolio/jobs");
  const keyId = await addDemo("demo-small");
  await db.keySnapshot.deleteMany({});
  await db.snapshotRun.deleteMany({});
  (await import("@/lib/snapshots/store")).forgetRecordedSnapshots();
  const runs: { instance: number; ran: boolean }[] = [];
  for (const instance of [1, 2]) {
    const boss = new PgBoss({
      connectionString: getEnv().DATABASE_URL,
      max: 2,
      cronMonitorIntervalSeconds: 1,
      cronWorkerIntervalSeconds: 1,
    });
    bosses.push(boss);
    await boss.start();
    // Every minute here (every hour by default): pg-boss sends one job per minute across instances.
    await registerPortfolioJobs(boss, {
      everyHours: 1,
      cron: "* * * * *",
      onRun: (r) => runs.push({ instance, ran: r !== null }),
    });
  }
  const started = Date.now();
  while (!runs.some((r) => r.ran) && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 200));
  await new Promise((r) => setTimeout(r, 4_000));
  expect(runs.filter((r) => r.ran)).toHaveLength(1);
  // pg-boss sent at most one job per minute slot, whichever instance took it.
  expect(runs.length).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 60_000) + 1);
  const period = periodStart(new Date(), 1);
  expect(await db.snapshotRun.findMany()).toEqual([expect.objectContaining({ period })]);
  expect(await db.keySnapshot.count({ where: { keyId } })).toBe(1);
  // A direct second run for the same period (a duplicate job) does nothing.
  const { runSnapshotPeriod } = await import("@/lib/portfolio/jobs");
  expect(await runSnapshotPeriod(new Date(), 1)).toBeNull();
}, 60_000);

it("downsampling keeps each day's first and last point after 7 days, and the totals agree", async () => {
  const { downsampleSnapshots } = await import("@/lib/portfolio/downsample");
  const keyId = await addDemo("demo-trade");
  await db.keySnapshot.deleteMany({ where: { keyId } });
  const now = new Date("2026-06-20T12:30:00Z");
  const start = Date.parse("2026-06-05T00:00:00Z");
  const points = Array.from({ length: 15 * 24 }, (_, i) => new Date(start + i * 3_600_000));
  await db.keySnapshot.createMany({
    data: points.map((at, i) => ({
      keyId,
      at,
      hour: at,
      totalEur: `${1000 + i}.25`,
      // A price that moves every hour, so every point after the first carries a price effect.
      rows: [{ currency: "BTC", amount: "0.5", priceEur: `${100 + (i % 5)}.5`, valueEur: null }],
      source: "job",
    })),
  });
  const effects = async () =>
    (await db.keySnapshot.findMany({ where: { keyId }, select: { priceEffectEur: true } }))
      .reduce((sum, s) => sum.add(s.priceEffectEur?.toFixed() ?? "0"), new Decimal(0))
      .toFixed();
  // Stored on insert: each point's effect since its predecessor (0.5 × the price step).
  const second = await db.keySnapshot.findFirstOrThrow({ where: { keyId, at: points[1] } });
  expect(second.priceEffectEur?.toFixed()).toBe("0.5");
  const effectsBefore = await effects();
  const byDay = (list: { at: Date; totalEur: string }[]) => {
    const m = new Map<string, string[]>();
    for (const s of list)
      m.set(s.at.toISOString().slice(0, 10), [...(m.get(s.at.toISOString().slice(0, 10)) ?? []), s.totalEur]);
    return m;
  };
  const before = byDay(await db.keySnapshot.findMany({ where: { keyId }, orderBy: { at: "asc" } }));
  const removed = await downsampleSnapshots(now);
  const after = byDay(await db.keySnapshot.findMany({ where: { keyId }, orderBy: { at: "asc" } }));
  // Whole days before 2026-06-13 (7 days before the 20th) keep their first and last; later days keep every hour.
  for (const [day, totals] of before) {
    const kept = after.get(day)!;
    if (day < "2026-06-13") expect(kept).toEqual([totals[0], totals[totals.length - 1]]);
    else expect(kept).toEqual(totals);
  }
  expect(removed).toBe(8 * 22);
  // The removed points' price effects were folded into the kept ones: the sum is unchanged.
  expect(await effects()).toBe(effectsBefore);
  expect(await downsampleSnapshots(now)).toBe(0);
});
