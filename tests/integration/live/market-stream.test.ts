// The market stream against the simulator's WebSocket, in both dialects: two instances (two
// MarketStreams in this process, each with its own connections), exactly one holding the
// exchange connection, the other fed over the bus; a dead leader replaced (PostgreSQL advisory
// lock with NOTIFY; Redis lock with pub/sub); a dropped connection reconnected and subscribed
// again; a 429 on the upgrade backing off for the window; and the ticker read path making no
// REST ticker call while the stream is healthy, and resuming REST when it is not.
import { Redis } from "ioredis";
import { randomUUID } from "node:crypto";
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { resetEnvCache, getEnv } from "@/lib/env";
import { disconnectDb } from "@/lib/db";
import { MarketStream } from "@/lib/market/stream";
import { PgLeadership, RedisLeadership } from "@/lib/market/leader";
import { PgBus, RedisBus } from "@/lib/market/bus";
import { ConnectionBudget } from "@/lib/limiter/connections";
import type { Dialect } from "@/lib/exchange/dialect";
import { getMarketStream, stopMarketStream } from "@/lib/market/instance";
import { getExchangeClient } from "@/lib/limiter/exchange-client";
import { readMarketEndpoint } from "@/lib/reads/endpoints";

let sim: RunningSimulator;
const streams: MarketStream[] = [];
const redises: Redis[] = [];

beforeAll(async () => {
  sim = await startSimulator({ port: 0, controlPort: 0, seed: "live-stream", tickMs: 100, heartbeatMs: 300 });
});
afterEach(async () => {
  await Promise.all(streams.splice(0).map((s) => s.stop().catch(() => undefined)));
  await control("POST", "/ws/upgrades", { refuse: false });
  await control("POST", "/ws/resume");
  await control("POST", "/ws/reset");
});
afterAll(async () => {
  await stopMarketStream();
  for (const r of redises) r.disconnect();
  await sim.close();
  await disconnectDb();
});

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${sim.controlUrl}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}

/** Waits for a state (checked every 25 ms; Jest's timeout bounds it). */
async function until(cond: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; ; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 25));
    if (process.env.LIVE_DEBUG && i % 80 === 79)
      console.log(
        "waiting for",
        what,
        streams.map((s) => [s.isLeader, s.healthy(), s.book.size, s.totalUpgrades()]),
      );
  }
}

/** The control API's answer to a price move: the trade it made. */
type Moved = { price: string; timeNs: string };

const dbUrl = () => getEnv().DATABASE_URL!;

function makeStream(kind: "pg" | "redis", prefix: string, dialect: Dialect, budget: ConnectionBudget) {
  const redis = () => {
    const r = new Redis("redis://127.0.0.1:6379", { maxRetriesPerRequest: 1 });
    redises.push(r);
    return r;
  };
  const pub = kind === "redis" ? redis() : null;
  const s = new MarketStream({
    url: sim.wsUrls[dialect === "onetrading-fast" ? "fast" : "bitpanda"],
    dialect,
    leadership: pub ? new RedisLeadership(pub, prefix, 1_500) : new PgLeadership(dbUrl(), prefix),
    bus: pub ? new RedisBus(pub, redis(), `${prefix}:prices`) : new PgBus(dbUrl(), `${prefix}_prices`),
    takeConnection: () => budget.take("test-egress"),
    refused: (ms) => budget.exhaust("test-egress", ms),
    instrumentsFor: () => Promise.resolve(["BTC_EUR", "ETH_EUR"]),
    staleAfterMs: 2_000,
    pulseMs: 250,
    backoffBaseMs: 50,
    backoffMaxMs: 400,
  });
  streams.push(s);
  return s;
}

const openConnections = async () => ((await control("GET", "/ws")) as { open: number }).open;

describe.each([
  ["pg", "onetrading-fast"],
  ["redis", "bitpanda-pro"],
] as const)("two instances on %s, %s", (kind, dialect) => {
  it("exactly one holds the exchange connection, the other hears its prices; a dead leader is replaced", async () => {
    const prefix = `kdtest_${randomUUID().slice(0, 8)}`;
    const budget = new ConnectionBudget(12, null, prefix);
    const a = makeStream(kind, prefix, dialect, budget);
    const b = makeStream(kind, prefix, dialect, budget);
    await Promise.all([a.start(), b.start()]);
    await until(() => a.healthy() && b.healthy(), "both healthy");
    expect([a.isLeader, b.isLeader].filter(Boolean)).toHaveLength(1);
    expect(await openConnections()).toBe(1);
    const [leader, follower] = a.isLeader ? [a, b] : [b, a];
    // A price moved at the exchange reaches the follower through the bus.
    const moved = (await control("POST", "/market/price", { instrument: "ETH_EUR", price: "1234.5" })) as Moved;
    await until(() => follower.book.get("ETH_EUR")?.price === moved.price, "follower hears the move");
    // The leader dies without a word: the follower takes the lock and the connection.
    await leader.crash();
    await until(() => follower.isLeader && follower.healthy(), "follower leads");
    await until(async () => (await openConnections()) === 1, "one connection again");
    const again = (await control("POST", "/market/price", { instrument: "ETH_EUR", price: "1300" })) as Moved;
    await until(() => follower.book.get("ETH_EUR")?.price === again.price, "new leader prices");
    await control("DELETE", "/market/price");
  });
});

it("a dropped connection is made again and subscribed again", async () => {
  const prefix = `kdtest_${randomUUID().slice(0, 8)}`;
  const s = makeStream("pg", prefix, "onetrading-fast", new ConnectionBudget(12, null, prefix));
  await s.start();
  await until(() => s.healthy(), "healthy");
  expect(s.totalUpgrades()).toBe(1);
  const health: boolean[] = [];
  s.on("health", (h) => health.push(h));
  await control("POST", "/ws/drop", {});
  await until(() => s.totalUpgrades() === 2 && s.healthy(), "reconnected");
  expect(health).toEqual([false, true]);
  // Subscribed again: a move after the reconnect arrives.
  const moved = (await control("POST", "/market/price", { instrument: "BTC_EUR", price: "55555" })) as Moved;
  await until(() => s.book.get("BTC_EUR")?.price === moved.price, "price after reconnect");
  await control("DELETE", "/market/price");
});

it("a 429 on the upgrade spends the connection budget and waits out the window", async () => {
  const prefix = `kdtest_${randomUUID().slice(0, 8)}`;
  const budget = new ConnectionBudget(12, null, prefix);
  const s = makeStream("pg", prefix, "bitpanda-pro", budget);
  await s.start();
  await until(() => s.healthy(), "healthy");
  await control("POST", "/ws/upgrades", { refuse: true });
  await control("POST", "/ws/drop", {});
  await until(() => s.refusals === 1, "refused");
  expect(s.healthy()).toBe(false);
  // The next attempt waits for the window, not the short reconnect backoff, and the budget agrees.
  const retryAt = s.upstream!.retryAt!;
  expect(retryAt - Date.now()).toBeGreaterThan(50_000);
  expect(await budget.take("test-egress")).toBeGreaterThan(50_000);
  expect(s.totalUpgrades()).toBe(2);
});

describe("the ticker read path", () => {
  beforeAll(() => {
    Object.assign(process.env, {
      EXCHANGE_BASE_URL: sim.url,
      SIMULATOR_CONTROL_URL: sim.controlUrl,
      REDIS_URL: "",
      MARKET_STREAM: "true",
      MARKET_WS_URL_BITPANDA: sim.wsUrls.bitpanda,
      MARKET_STALE_AFTER_SECONDS: "2",
      MARKET_LEADER_TTL_SECONDS: "2",
    });
    resetEnvCache();
  });

  it("makes no REST ticker call while the stream is healthy, and reads REST (background) when it is not", async () => {
    const user = { id: "live-reader", email: "r@example.test", name: null, sessionId: "s" };
    const spy = jest.spyOn(getExchangeClient(), "getMarketTickers");
    const stream = getMarketStream()!;
    await until(() => stream.healthy(), "app stream healthy");
    for (let i = 0; i < 5; i++) {
      const t = (await readMarketEndpoint(user, "tickers")) as { live?: boolean; data: { instrument_code: string }[] };
      expect(t.live).toBe(true);
      expect(t.data.map((x) => x.instrument_code)).toContain("BTC_EUR");
    }
    expect(spy).not.toHaveBeenCalled();
    // The stream goes silent (no data, no heartbeat): it is no longer healthy and REST resumes.
    await control("POST", "/ws/stall", { ms: 120_000, data: true });
    await until(() => !stream.healthy(), "stream down");
    const polled = (await readMarketEndpoint(user, "tickers")) as { live?: boolean; source: string };
    expect(polled.live).toBeUndefined();
    expect(spy).toHaveBeenCalledTimes(1);
    await control("POST", "/ws/resume");
    await until(() => stream.healthy(), "stream back");
    const again = (await readMarketEndpoint(user, "tickers")) as { live?: boolean };
    expect(again.live).toBe(true);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });
});
