// The gate across instances on one real Redis: one shared budget, shared cool-downs,
// cross-instance coalescing, and a safe fallback when Redis goes away or comes back empty.
import { Redis } from "ioredis";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createUpstreamGate, type UpstreamGate } from "@/lib/limiter";
import { usageReport } from "@/lib/limiter/usage-report";
import { createCacheCipher } from "@/lib/crypto/cache-cipher";
import { parseKeyring } from "@/lib/crypto/keyring";
import { setClock } from "@/lib/clock";
import { ManualClock } from "../../helpers/clock";
import { freePorts } from "../../helpers/free-ports";

const cipher = createCacheCipher(parseKeyring(`v1:${Buffer.alloc(32, 3).toString("base64")}`, "v1"));

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const clients: Redis[] = [];

function redis(): Redis {
  const c = new Redis(REDIS_URL, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 500,
    retryStrategy: () => null,
  });
  c.on("error", () => {});
  clients.push(c);
  return c;
}

async function ready(c: Redis) {
  if (c.status !== "ready")
    await new Promise<void>((resolve, reject) => {
      c.once("ready", () => resolve());
      c.once("error", reject);
    });
}

async function pair(
  prefix: string,
  opts: { instanceCount?: number } = {},
): Promise<[UpstreamGate, UpstreamGate, Redis, Redis]> {
  const r1 = redis();
  const r2 = redis();
  await Promise.all([ready(r1), ready(r2)]);
  const mk = (r: Redis) =>
    createUpstreamGate({
      ipPerMinute: 240,
      accountPerMinute: 180,
      instanceCount: opts.instanceCount ?? 2,
      redis: r,
      keyPrefix: prefix,
      cipher,
      maxWaitMs: { interactive: 0, background: 0 },
    });
  return [mk(r1), mk(r2), r1, r2];
}

async function burst(g: UpstreamGate, account: string, n: number, tag: string): Promise<number> {
  let ok = 0;
  for (let i = 0; i < n; i++) {
    try {
      await g.budget.acquire({ ip: "egress", account, user: `${tag}${i}` }, "interactive");
      ok++;
    } catch {
      /* refused */
    }
  }
  return ok;
}

beforeAll(async () => {
  const probe = redis();
  try {
    await ready(probe);
  } catch {
    throw new Error(`Redis is required for these tests at ${REDIS_URL} (start it: redis-server --daemonize yes)`);
  }
});

afterAll(async () => {
  for (const c of clients) c.disconnect();
});

it("two instances share one budget: together they get what one would", async () => {
  const [a, b] = await pair(`t-${randomUUID()}`);
  const p = 180;
  const got = (await burst(a, "acc", p, "a")) + (await burst(b, "acc", p, "b"));
  expect(a.mode()).toBe("redis");
  expect(got).toBe(p);
});

it("a cool-down set by one instance stops the other (IP block stops every account)", async () => {
  const [a, b] = await pair(`t-${randomUUID()}`);
  await a.cooldowns.set("ip", "egress", 60_000);
  await expect(b.budget.acquire({ ip: "egress", account: "x", user: "u" }, "interactive")).rejects.toMatchObject({
    reason: "ip_blocked",
  });
});

it("identical reads on two instances at once make one upstream call", async () => {
  const [a, b] = await pair(`t-${randomUUID()}`);
  let calls = 0;
  const fetcher = async () => {
    calls++;
    await new Promise((r) => setTimeout(r, 150));
    return { data: { n: calls } };
  };
  const base = {
    keyId: "acc",
    accountId: "acc",
    endpoint: "balances" as const,
    userId: "u",
    egressIp: "egress",
    priority: "interactive" as const,
    classify: () => null,
  };
  const results = await Promise.all([
    ...Array.from({ length: 10 }, () => a.fetch({ ...base, fetcher })),
    ...Array.from({ length: 10 }, () => b.fetch({ ...base, fetcher })),
  ]);
  expect(calls).toBe(1);
  expect(new Set(results.map((r) => JSON.stringify(r.data))).size).toBe(1);
});

it("a read that finds another instance fetching takes no budget: what its first attempt took is given back", async () => {
  const prefix = `t-${randomUUID()}`;
  const [a, b, r1] = await pair(prefix);
  const base = {
    keyId: "acc-lock",
    accountId: "acc-lock",
    endpoint: "balances" as const,
    userId: "waiter",
    egressIp: "egress",
    priority: "interactive" as const,
    classify: () => null,
  };
  // Instance A is "fetching": it holds the single-flight lock and stores its result 150 ms later.
  await r1.set(`${prefix}:cache:lock:acc-lock|balances|`, "1", "PX", 5_000);
  setTimeout(
    () => void a.cache.set("acc-lock|balances|", { data: "from A", fetchedAt: Date.now() }, 60_000, { unlock: true }),
    150,
  );
  let called = false;
  const got = await b.fetch({
    ...base,
    fetcher: async () => {
      called = true;
      return { data: "from B" };
    },
  });
  expect(got).toMatchObject({ data: "from A", source: "cache" });
  expect(called).toBe(false);
  for (const [layer, k] of [
    ["ip", "egress"],
    ["account", "acc-lock"],
    ["user", "waiter"],
  ] as const)
    expect([layer, await b.budget.used(layer, k)]).toEqual([layer, 0]);
});

it("Redis killed mid-run: nothing local for a window (the other instance's minute is unknown), then a 1/N share; back from a restart with nothing kept, the shares' calls still count for a window", async () => {
  // The windows roll on a clock the test moves (the script is handed its time).
  const clock = new ManualClock(Date.now());
  setClock(clock);
  // A port nobody listens on now (a random number could be another process's, or a client
  // socket's in the ephemeral range, and redis-server would exit at once).
  const [port] = await freePorts(1);
  const start = () =>
    spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: "ignore",
    });
  let server = start();
  const url = `redis://127.0.0.1:${port}`;
  // A state to wait for, not a count of tries: on a busy machine redis-server takes its time to listen.
  const connect = async () => {
    for (const until = Date.now() + 30_000; Date.now() < until;) {
      const c = new Redis(url, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        commandTimeout: 500,
        retryStrategy: () => 100,
      });
      c.on("error", () => {});
      clients.push(c);
      try {
        await ready(c);
        return c;
      } catch {
        c.disconnect();
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error("redis-server did not start");
  };
  try {
    const [r1, r2] = [await connect(), await connect()];
    const prefix = `t-${randomUUID()}`;
    const mk = (r: Redis) =>
      createUpstreamGate({
        ipPerMinute: 240,
        accountPerMinute: 180,
        instanceCount: 2,
        redis: r,
        keyPrefix: prefix,
        cipher,
        maxWaitMs: { interactive: 0, background: 0 },
      });
    const [a, b] = [mk(r1), mk(r2)];
    const p = 180;
    expect(a.mode()).toBe("redis");

    // A spends part of the minute through Redis; B never hears of it.
    expect(await burst(a, "acc0", 40, "z")).toBe(40);

    server.kill("SIGKILL");
    for (let i = 0; i < 50 && (r1.status === "ready" || r2.status === "ready"); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(a.mode()).toBe("fallback");
    expect((await burst(a, "acc", p, "a")) + (await burst(b, "acc", p, "b"))).toBe(0);
    expect((await usageReport(a, "egress", ["acc"], "u")).mode).toBe("fallback");
    // A full window after the outage began, every call made through Redis has left it: each
    // instance takes its 1/N share.
    await clock.advance(60_001);
    const got = (await burst(a, "acc", p, "a")) + (await burst(b, "acc", p, "b"));
    expect(got).toBe(2 * Math.floor(p / 2));

    server = start();
    for (let i = 0; i < 100 && r1.status !== "ready"; i++) await new Promise((r) => setTimeout(r, 50));
    expect(a.mode()).toBe("redis");
    // Redis came back empty; A's share of the IP (120) already holds its 90 calls of this minute.
    expect(await burst(a, "acc2", p + 3, "c")).toBe(120 - 90);
    // A window later Redis alone decides again, over the whole budget.
    await clock.advance(60_001);
    expect(await burst(a, "acc3", p + 3, "d")).toBe(p);
  } finally {
    server.kill("SIGKILL");
    setClock(null);
  }
});
