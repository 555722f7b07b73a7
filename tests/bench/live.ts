// `npm run bench:live`: 2 Keydesk instances on Redis, browser-like SSE clients (default 1,000)
// over keys (default 100), the simulator moving prices several times a second; and the same
// viewers polling only (today's main: the Overview polls its portfolio every 30 s) side by side in
// the same run. Measures tick → client latency, REST ticker calls while the stream is healthy,
// memory per open stream, time until ticks flow again after a dropped stream and after a killed
// leader, Keydesk requests against polling, and the exchange's 429s. Prints a table and one JSON
// line. Flags: --viewers N --keys N --seconds N (the measured live window).
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { Worker } from "node:worker_threads";
import { prepareTestDatabase } from "../helpers/test-env";
import { TEST_SECRETS } from "../helpers/test-secrets";
import { percentile, round, table } from "./stats";

const ROOT = path.resolve(__dirname, "..", "..");
const flag = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const VIEWERS = flag("viewers", 1_000);
const KEYS = flag("keys", 100);
const SECONDS = flag("seconds", 30);
const POLL_SECONDS = flag("poll-seconds", 30);
const TICK_MS = 250;
const BASE_PORT = Number(process.env.KEYDESK_E2E_PORT ?? 3124);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/11";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => boolean | Promise<boolean>, limitMs: number, what: string) {
  const end = Date.now() + limitMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Every instance started, killed when this process exits however it exits. */
const children = new Set<ChildProcess>();
process.on("exit", () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
});

interface Instance {
  port: number;
  child: ChildProcess;
  logs: string[];
}

function startInstance(port: number, env: NodeJS.ProcessEnv): Promise<Instance> {
  const logs: string[] = [];
  // Node itself with tsx's loader (no wrapper process): a SIGKILL kills the instance, as a crash would.
  const child = spawn(
    process.execPath,
    [
      "--expose-gc",
      "--import",
      "tsx",
      "--require",
      "./tests/bench/server-only-stub.cjs",
      "tests/bench/live-instance.ts",
      String(port),
    ],
    { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  children.add(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      logs.push(d.toString());
      if (d.toString().includes(`ready ${port}`)) resolve({ port, child, logs });
    });
    child.stderr!.on("data", (d: Buffer) => logs.push(d.toString()));
    child.once("exit", (code) => reject(new Error(`instance ${port} exited ${code}\n${logs.join("")}`)));
  });
}

function stop(i: Instance, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  return new Promise((resolve) => {
    if (i.child.exitCode !== null || i.child.signalCode) return resolve();
    i.child.once("exit", () => resolve());
    i.child.kill(signal);
  });
}

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  return (await res.json()) as T;
}

type BenchInfo = {
  leader: boolean;
  healthy: boolean;
  heapUsed: number;
  external: number;
  streams: number;
  requests: number;
  upgrades: number;
  refusals: number;
  cpu: { user: number; system: number };
  calls: Record<string, number>;
};
const tickerCalls = (xs: BenchInfo[]) => xs.reduce((s, x) => s + (x.calls.tickers ?? 0), 0);
const info = (i: Instance) => getJson<BenchInfo>(`http://127.0.0.1:${i.port}/__bench`);

/** A worker thread holding one instance's SSE clients (./live-clients.cjs), asked by message. */
class ClientPool {
  readonly worker: Worker;
  constructor(
    readonly port: number,
    viewers: { keyId: string; cookie: string }[],
  ) {
    this.worker = new Worker(path.join(__dirname, "live-clients.cjs"), { workerData: { port, viewers } });
  }
  ask<T>(cmd: Record<string, unknown>, answer: string): Promise<T> {
    return new Promise((resolve) => {
      const on = (m: { t: string } & T) => {
        if (m.t !== answer) return;
        this.worker.off("message", on);
        resolve(m);
      };
      this.worker.on("message", on);
      this.worker.postMessage(cmd);
    });
  }
  tell(cmd: Record<string, unknown>) {
    this.worker.postMessage(cmd);
  }
}

async function main() {
  process.env.TEST_DATABASE_SERVER_URL ??= "postgresql://postgres@127.0.0.1:5432";
  const databaseUrl = await prepareTestDatabase("keydesk_bench_live");
  Object.assign(process.env, TEST_SECRETS, { DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" });
  const { startSimulator } = await import("@/lib/simulator");
  const { db, disconnectDb } = await import("@/lib/db");
  const { storeSealedKey } = await import("./seed-viewer");
  const { mintSessionCookie } = await import("../helpers/sessions");
  const { Redis } = await import("ioredis");
  const redis = new Redis(REDIS_URL);
  await redis.flushdb();
  redis.disconnect();

  const sim = await startSimulator({
    port: 0,
    controlPort: 0,
    wsPort: 0,
    seed: "bench-live",
    tickMs: TICK_MS,
    heartbeatMs: 1_000,
  });
  const control = (p: string, body?: unknown) =>
    getJson<Record<string, unknown>>(`${sim.controlUrl}${p}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  // Keys (one simulated account each) and viewers: each key's owner with VIEWERS / KEYS sessions.
  console.log(`seeding ${KEYS} keys and ${VIEWERS} sessions…`);
  const viewers: { keyId: string; cookie: string }[] = [];
  for (let k = 0; k < KEYS; k++) {
    const minted = await control("/keys", { account: `bench-live-${k}`, orders: 0 });
    const user = await db.user.create({
      data: { email: `bench-live-${k}-${randomUUID()}@example.test`, passwordHash: "x" },
    });
    const rowId = `bl${randomUUID().replace(/-/g, "").slice(0, 22)}`;
    await storeSealedKey({ rowId, ownerId: user.id, label: `Bench ${k}`, key: minted.key as string });
    for (let v = 0; v < Math.ceil(VIEWERS / KEYS) && viewers.length < VIEWERS; v++)
      viewers.push({ keyId: rowId, cookie: await mintSessionCookie(user, TEST_SECRETS.AUTH_SECRET) });
  }
  const baseEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    EXCHANGE_BASE_URL: sim.url,
    SIMULATOR_CONTROL_URL: sim.controlUrl,
    MARKET_WS_URL_BITPANDA: sim.wsUrls.bitpanda,
    MARKET_WS_URL_FAST: sim.wsUrls.fast,
    REDIS_URL,
    KEYDESK_INSTANCE_COUNT: "2",
    KEYDESK_ALERT_WORKER: "false",
    LIVE_MAX_STREAMS_PER_USER: "1000",
    NODE_ENV: "production" as const,
    KEYDESK_ALLOW_INSECURE_EXCHANGE: "true",
  };
  const counters = () => control("/counters");

  // --- Polling only (today's main): each viewer's Overview asks for its portfolio every 30 s.
  console.log(`polling phase: ${VIEWERS} viewers, ${POLL_SECONDS} s…`);
  let instances = await Promise.all(
    [0, 1].map((i) => startInstance(BASE_PORT + i, { ...baseEnv, MARKET_STREAM: "false" })),
  );
  const pollAgent = new http.Agent({ keepAlive: true, maxSockets: 200 });
  const poll = (port: number, v: { keyId: string; cookie: string }) =>
    new Promise<number>((resolve) => {
      const r = http.get(
        {
          host: "127.0.0.1",
          port,
          path: `/api/keys/${v.keyId}/portfolio`,
          agent: pollAgent,
          headers: { cookie: v.cookie },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      r.on("error", () => resolve(0));
    });
  const before = await counters();
  const pollStart = Date.now();
  let pollRequests = 0;
  const pollStatuses = new Map<number, number>();
  await Promise.all(
    viewers.map(async (v, i) => {
      // Spread over the period as pages opened at different times would be.
      await sleep(Math.floor((i / viewers.length) * 30_000) % (POLL_SECONDS * 1000));
      for (let t = Date.now(); t - pollStart < POLL_SECONDS * 1000; t += 30_000) {
        const s = await poll(instances[i % 2]!.port, v);
        pollRequests++;
        pollStatuses.set(s, (pollStatuses.get(s) ?? 0) + 1);
        const wait = 30_000 - (Date.now() - t);
        if (Date.now() - pollStart + wait >= POLL_SECONDS * 1000) break;
        await sleep(wait);
      }
    }),
  );
  const pollMinutes = (Date.now() - pollStart) / 60_000;
  const afterPoll = await counters();
  const pollInfos = await Promise.all(instances.map(info));
  pollAgent.destroy();
  await Promise.all(instances.map((i) => stop(i)));
  const polling = {
    // Requests the viewers issued in the window (each page asks every 30 s); served more slowly
    // than issued on this machine, so the served rate is reported beside it.
    keydeskPerMin: pollRequests / (POLL_SECONDS / 60),
    servedPerMin: pollRequests / pollMinutes,
    exchangePerMin: ((afterPoll.totalRequests as number) - (before.totalRequests as number)) / pollMinutes,
    tickersPerMin: tickerCalls(pollInfos) / pollMinutes,
    statuses: Object.fromEntries(pollStatuses),
  };

  // --- Live: the same viewers, one SSE stream each, half on each instance.
  console.log("live phase: starting instances…");
  instances = await Promise.all([0, 1].map((i) => startInstance(BASE_PORT + i, { ...baseEnv, MARKET_STREAM: "true" })));
  await until(
    async () => (await Promise.all(instances.map(info))).every((x) => x.healthy),
    60_000,
    "healthy stream",
  ).catch(async (err: unknown) => {
    console.error(await Promise.all(instances.map(info)), instances.map((i) => i.logs.join("")).join("\n---\n"));
    throw err;
  });
  const memBefore = await Promise.all(instances.map(info));
  const pools = [0, 1].map(
    (i) =>
      new ClientPool(
        instances[i]!.port,
        viewers.filter((_, j) => j % 2 === i),
      ),
  );
  const clientCount = viewers.length;
  let opening: unknown = null;
  await until(
    async () => {
      const st = await Promise.all(
        pools.map((p) => p.ask<{ withEvents: number; total: number; retries: number }>({ cmd: "status" }, "status")),
      );
      opening = st;
      return st.every((x) => x.withEvents === x.total);
    },
    180_000,
    "every client's first valuation",
  ).catch((err: unknown) => {
    console.error("clients:", JSON.stringify(opening));
    throw err;
  });
  const memAfter = await Promise.all(instances.map(info));
  const memoryPerStreamKb =
    memAfter.reduce((s, m, i) => s + (m.heapUsed + m.external - memBefore[i]!.heapUsed - memBefore[i]!.external), 0) /
    1024 /
    clientCount;
  const liveStart = Date.now();
  const c0 = await counters();
  const cpu0 = memAfter.map((m) => m.cpu);
  for (const p of pools) p.tell({ cmd: "record", on: true });
  await sleep(SECONDS * 1000);
  const recorded = await Promise.all(
    pools.map((p) => p.ask<{ values: number[] }>({ cmd: "record", on: false }, "latencies")),
  );
  const liveMinutes = (Date.now() - liveStart) / 60_000;
  const c1 = await counters();
  const mid = await Promise.all(instances.map(info));
  const latencies = recorded.flatMap((r) => r.values);
  const restTickerCallsPerMin = (tickerCalls(mid) - tickerCalls(memAfter)) / liveMinutes;
  const exchangePerMinLive = ((c1.totalRequests as number) - (c0.totalRequests as number)) / liveMinutes;
  const liveRequestsInWindow = mid.reduce((s, m, i) => s + m.requests - memAfter[i]!.requests, 0);
  const cpuPct = mid.map((m, i) =>
    round(((m.cpu.user + m.cpu.system - cpu0[i]!.user - cpu0[i]!.system) / 1000 / (liveMinutes * 60_000)) * 100, 1),
  );

  // --- A dropped stream: time until ticks reach clients again.
  const ticksAfter = (t0: number, among: ClientPool[]) =>
    Promise.race(among.map((p) => p.ask<{ seconds: number }>({ cmd: "ticksAfter", t0 }, "ticksAfter"))).then(
      (r) => r.seconds,
    );
  const d0 = Date.now();
  const dropped = ticksAfter(d0, pools);
  await control("/ws/drop", {});
  const dropSeconds = await dropped;

  // --- A killed leader: time until ticks reach the surviving instance's clients again.
  const states = await Promise.all(instances.map(info));
  const leaderIndex = states.findIndex((s) => s.leader);
  const survivor = instances[1 - leaderIndex]!;
  const survivors = pools.filter((p) => p.port === survivor.port);
  const k0 = Date.now();
  const failedOver = ticksAfter(k0, survivors);
  await stop(instances[leaderIndex]!, "SIGKILL");
  const failoverSeconds = await Promise.race([failedOver, sleep(60_000).then(() => Infinity)]);
  const final = await counters();
  const ws = (await control("/ws")) as { refused429: number; accepted: number; maxPerMinute: number };
  const upstream429 = ((final.sent429 as { total: number }).total ?? 0) + (ws.refused429 ?? 0);

  // Keydesk requests per viewer-minute: polling as measured; live = one stream open per page view
  // (amortized over a 10-minute view) plus whatever was asked during the measured window.
  const viewMinutes = 10;
  const liveKeydeskPerMin = clientCount / viewMinutes + liveRequestsInWindow / liveMinutes;
  const requestRatioVsPolling = polling.keydeskPerMin / liveKeydeskPerMin;

  await Promise.all(pools.map((p) => p.ask({ cmd: "close" }, "closed")));
  await Promise.all(pools.map((p) => p.worker.terminate()));
  await Promise.all(instances.map((i) => stop(i)));
  await sim.close();
  await disconnectDb();

  const result = {
    bench: "live",
    tickToClientP50Ms: round(percentile(latencies, 50), 0),
    tickToClientP95Ms: round(percentile(latencies, 95), 0),
    restTickerCallsPerMin: round(restTickerCallsPerMin, 1),
    memoryPerStreamKb: round(memoryPerStreamKb, 1),
    failoverSeconds: round(failoverSeconds, 2),
    requestRatioVsPolling: round(requestRatioVsPolling, 1),
    upstream429,
  };
  console.log(
    `\nbench:live — ${clientCount} SSE clients (in 2 worker threads) over ${KEYS} keys, 2 instances on Redis, ticks every ${TICK_MS} ms`,
  );
  console.log(
    table([
      ["tick → client p50", result.tickToClientP50Ms, "ms"],
      ["tick → client p95", result.tickToClientP95Ms, `ms (target ≤ 1000; ${latencies.length} samples)`],
      ["REST ticker calls while healthy", result.restTickerCallsPerMin, "/min (target 0)"],
      ["exchange calls while live (balances)", round(exchangePerMinLive, 1), "/min"],
      ["memory per open stream", result.memoryPerStreamKb, "kB (target ≤ 64)"],
      ["instance CPU while live", cpuPct.join(" / "), "% of one core"],
      ["dropped stream → ticks again", round(dropSeconds, 2), "s"],
      ["killed leader → ticks again", result.failoverSeconds, "s (target ≤ 10)"],
      ["connection upgrades accepted / max a minute", `${ws.accepted} / ${ws.maxPerMinute}`, "(exchange limit 30)"],
      ["exchange 429s (REST + upgrades)", upstream429, ""],
      ["polling: Keydesk requests issued", round(polling.keydeskPerMin, 0), "/min (each viewer every 30 s)"],
      ["polling: requests served", round(polling.servedPerMin, 0), `/min (${JSON.stringify(polling.statuses)})`],
      ["polling: exchange calls", round(polling.exchangePerMin, 0), "/min"],
      ["polling: REST ticker calls", round(polling.tickersPerMin, 1), "/min"],
      ["live: Keydesk requests", round(liveKeydeskPerMin, 1), `/min (1 stream per ${viewMinutes}-min view)`],
      ["Keydesk requests, polling ÷ live", result.requestRatioVsPolling, "× (target ≥ 10)"],
    ]),
  );
  console.log(JSON.stringify(result));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
