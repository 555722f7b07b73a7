// Backfill for a newly added key on real PostgreSQL, pg-boss and the simulator, in
// both dialects: the rebuilt daily values equal a replay of the simulator's own trades at its
// own daily candle closes, computed here from its HTTP answers (not with lib/portfolio);
// progress reaches done; every exchange read is at background priority; the price-effect chain
// stays right; a retried run writes nothing twice; deleting or stopping the key mid-run stops it
// with no further exchange call and no rows; and adding a key runs it on the queue.
import Decimal from "decimal.js";
import PgBoss from "pg-boss";
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { getEnv, resetEnvCache } from "@/lib/env";
import { db, disconnectDb } from "@/lib/db";
import { addKeyForUser } from "@/lib/keys/add-key";
import { deleteKeyForOwner } from "@/lib/keys/delete-key";
import { stopKeyForOwner } from "@/lib/keys/emergency-stop";
import { closeExchangeClient } from "@/lib/limiter/exchange-client";
import { getGate } from "@/lib/limiter/instance";
import type { FetchRequest } from "@/lib/limiter";
import type { CurrentUser } from "@/lib/sessions/session";
import { newTestUser } from "../../helpers/users";
import { replayExpected, type Dialect } from "./backfill-replay";

let sim: RunningSimulator;
let owner: CurrentUser;
let n = 0;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, controlPort: 0, seed: "backfill", accountLimitPerMinute: 10_000 });
  owner = await newTestUser("backfill-owner");
});
afterAll(async () => {
  await closeExchangeClient();
  await sim.close();
  await disconnectDb();
});

async function useDialect(d: Dialect): Promise<string> {
  const base = d === "fast" ? sim.urls.fast : sim.urls.bitpanda;
  Object.assign(process.env, { EXCHANGE_BASE_URL: base, SIMULATOR_CONTROL_URL: sim.controlUrl, REDIS_URL: "" });
  resetEnvCache();
  await closeExchangeClient();
  return base;
}

/** A new account with two years of history (about 110 orders in the last 90 days) and its key. */
async function mintKey(d: Dialect, orders = 900): Promise<string> {
  const res = await fetch(`${sim.controlUrl}/keys`, {
    method: "POST",
    body: JSON.stringify({ account: `bf-${d}-${++n}`, orders, scopes: ["READ_ONLY"], dialect: d }),
  });
  return ((await res.json()) as { key: string }).key;
}

async function addKey(key: string): Promise<string> {
  const r = await addKeyForUser({ user: owner, steppedUp: true }, { label: `Backfill ${++n}`, key });
  if (!r.ok) throw new Error(r.message);
  return r.keyRowId;
}

/** Records every read the gate is asked for from now on. */
function recordGate() {
  const calls: Pick<FetchRequest<unknown>, "endpoint" | "priority" | "keyId">[] = [];
  const gate = getGate();
  const original = gate.fetch.bind(gate);
  const spy = jest.spyOn(gate, "fetch").mockImplementation((req) => {
    calls.push({ endpoint: req.endpoint, priority: req.priority, keyId: req.keyId });
    return original(req);
  });
  return { calls, restore: () => spy.mockRestore() };
}

describe.each(["bitpanda", "fast"] as const)("%s", (dialect) => {
  it("rebuilds 90 days equal to a replay of the simulator's trades at its candle closes", async () => {
    const base = await useDialect(dialect);
    const { runBackfill } = await import("@/lib/portfolio/backfill");
    const { takeSnapshot } = await import("@/lib/portfolio/take");
    const key = await mintKey(dialect);
    const keyId = await addKey(key);
    expect(await db.keyBackfill.findUniqueOrThrow({ where: { keyId } })).toMatchObject({ state: "queued" });
    // A recorded snapshot first: the rebuilt points must come before it and keep its chain right.
    expect(await takeSnapshot(keyId)).toBe("stored");
    const gate = recordGate();
    const progress: number[] = [];
    try {
      const outcome = await runBackfill(keyId, {
        onProgress: async (p) => {
          progress.push(p.daysDone);
          expect(await db.keyBackfill.findUniqueOrThrow({ where: { keyId } })).toMatchObject({
            state: "running",
            daysDone: p.daysDone,
            daysTotal: 90,
          });
        },
      });
      expect(outcome).toBe("done");
    } finally {
      gate.restore();
    }
    const expected = await replayExpected(base, key, dialect);
    const rebuilt = await db.keySnapshot.findMany({ where: { keyId, source: "backfill" }, orderBy: { at: "asc" } });
    expect(rebuilt).toHaveLength(90);
    expect(rebuilt.map((p) => p.at.toISOString())).toEqual(expected.map((e) => e.at));
    for (const [i, p] of rebuilt.entries()) {
      const rows = p.rows as { currency: string; amount: string; valueEur: string | null }[];
      const got = Object.fromEntries(rows.map((r) => [r.currency, { amount: r.amount, valueEur: r.valueEur }]));
      expect({ at: p.at.toISOString(), totalEur: p.totalEur, rows: got }).toEqual(expected[i]);
    }
    expect(new Decimal(rebuilt[0]!.totalEur).gt(0)).toBe(true);
    // The walk is exercised: the balances change from day to day (trades in most weeks).
    const holdings = new Set(rebuilt.map((p) => JSON.stringify((p.rows as { amount: string }[]).map((r) => r.amount))));
    expect(holdings.size).toBeGreaterThan(10);
    // Progress: one step per trade window (under 90 days of trades: Fast's 30-day windows make
    // three, Bitpanda Pro's 100-day window one), rising to all 90 days.
    expect(progress[progress.length - 1]).toBe(90);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.length).toBe(dialect === "fast" ? 3 : 1);
    expect(await db.keyBackfill.findUniqueOrThrow({ where: { keyId } })).toMatchObject({
      state: "done",
      daysDone: 90,
      daysTotal: 90,
    });
    // Every exchange read at background priority: balances, trade pages, instruments, candles.
    expect(gate.calls.length).toBeGreaterThanOrEqual(progress.length + 3);
    expect(new Set(gate.calls.map((c) => c.priority))).toEqual(new Set(["background"]));
    expect(gate.calls.filter((c) => c.endpoint === "trades").length).toBeGreaterThanOrEqual(progress.length);

    // The price-effect chain: each point's effect is since its predecessor, the first has none.
    const chain = await db.$queryRaw<{ ok: boolean; first: boolean }[]>`
      SELECT (lag(rows) OVER w IS NULL) AS first,
        ("priceEffectEur" IS NOT DISTINCT FROM
          CASE WHEN lag(rows) OVER w IS NULL THEN NULL ELSE "snapshot_price_effect"(lag(rows) OVER w, rows) END) AS ok
      FROM "KeySnapshot" WHERE "keyId" = ${keyId} WINDOW w AS (ORDER BY at) ORDER BY at`;
    expect(chain).toHaveLength(91);
    expect(chain.every((c) => c.ok)).toBe(true);
    const recorded = await db.keySnapshot.findFirstOrThrow({ where: { keyId, source: "job" } });
    expect(recorded.priceEffectEur).not.toBeNull();

    // Idempotent: done stays done; a retried run (after a failure was recorded) adds nothing.
    expect(await runBackfill(keyId)).toBe("already-done");
    await db.keyBackfill.update({ where: { keyId }, data: { state: "failed" } });
    expect(await runBackfill(keyId)).toBe("done");
    expect(await db.keySnapshot.count({ where: { keyId, source: "backfill" } })).toBe(90);
  });

  it("deleting the key mid-run stops it: no further exchange call, no rows", async () => {
    await useDialect(dialect);
    const { runBackfill } = await import("@/lib/portfolio/backfill");
    const keyId = await addKey(await mintKey(dialect));
    const label = (await db.apiKey.findUniqueOrThrow({ where: { id: keyId } })).label;
    const gate = recordGate();
    let callsAtDelete = -1;
    try {
      const outcome = await runBackfill(keyId, {
        onProgress: async () => {
          if (callsAtDelete >= 0) return;
          expect((await deleteKeyForOwner(owner, keyId, label)).ok).toBe(true);
          callsAtDelete = gate.calls.length;
        },
      });
      expect(outcome).toBe("cancelled");
    } finally {
      gate.restore();
    }
    expect(callsAtDelete).toBeGreaterThan(0);
    expect(gate.calls.length).toBe(callsAtDelete);
    expect(await db.keySnapshot.count({ where: { keyId } })).toBe(0);
    expect(await db.keyBackfill.count({ where: { keyId } })).toBe(0);
  });

  it("an emergency stop mid-run cancels it: no further exchange call, no rows, state cancelled", async () => {
    await useDialect(dialect);
    const { runBackfill } = await import("@/lib/portfolio/backfill");
    const keyId = await addKey(await mintKey(dialect));
    const gate = recordGate();
    let callsAtStop = -1;
    try {
      const outcome = await runBackfill(keyId, {
        onProgress: async () => {
          if (callsAtStop >= 0) return;
          expect((await stopKeyForOwner(owner, keyId, true)).ok).toBe(true);
          callsAtStop = gate.calls.length;
        },
      });
      expect(outcome).toBe("cancelled");
    } finally {
      gate.restore();
    }
    expect(gate.calls.length).toBe(callsAtStop);
    expect(await db.keySnapshot.count({ where: { keyId } })).toBe(0);
    expect(await db.keyBackfill.findUniqueOrThrow({ where: { keyId } })).toMatchObject({
      state: "cancelled",
      reason: "stopped",
    });
  });
});

it("adding a key queues its backfill on pg-boss, which runs it to done", async () => {
  await useDialect("bitpanda");
  const { registerBackfillJobs } = await import("@/lib/portfolio/backfill-jobs");
  const { forgetBackfillBoss, backfillJobId, BACKFILL_QUEUE } = await import("@/lib/snapshots/backfill-queue");
  const boss = new PgBoss({ connectionString: getEnv().DATABASE_URL, max: 2 });
  await boss.start();
  try {
    await registerBackfillJobs(boss, { sweepCron: "0 0 1 1 *" });
    const keyId = await addKey(await mintKey("bitpanda", 300));
    for (let i = 0; i < 120; i++) {
      const row = await db.keyBackfill.findUnique({ where: { keyId } });
      if (row?.state === "done" || row?.state === "failed") break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(await db.keyBackfill.findUniqueOrThrow({ where: { keyId } })).toMatchObject({ state: "done", daysDone: 90 });
    expect(await db.keySnapshot.count({ where: { keyId, source: "backfill" } })).toBe(90);
    // Sent once: the job's id is the key's.
    expect((await boss.getJobById(BACKFILL_QUEUE, backfillJobId(keyId)))?.state).toBe("completed");
  } finally {
    forgetBackfillBoss();
    await boss.stop({ graceful: false, wait: true });
  }
});
