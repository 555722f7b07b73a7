// The fair share on two instances, one real Redis and the simulator over HTTP: an export
// alone uses (nearly) the whole account budget; when a person starts reading the same
// account, their reads are served within the usual wait and the export slows down.
// On a clock the test moves (tests/helpers/clock.ts), shared by both gates, their Redis script
// and the simulator's rate counters: time moves only when every actor is parked on the clock
// (waiting for budget, or the reader between reads), straight to the next wake-up. Minutes of
// traffic take as long as their calls do, and no figure depends on how busy the machine is.
import { Redis } from "ioredis";
import { randomUUID } from "node:crypto";
import { createUpstreamGate, type UpstreamGate } from "@/lib/limiter";
import { MAX_WAIT_MS } from "@/lib/limiter/policy";
import { createExchangeClient } from "@/lib/exchange/client";
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { ManualClock, installClock } from "../../helpers/clock";
import { waitFor } from "../../helpers/wait-for";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const ACCOUNT_PER_MINUTE = 180;
const clients: Redis[] = [];
let sim: RunningSimulator;
/** Ends the export loop, also when an expectation failed midway. */
let stop = false;
const clock = installClock(new ManualClock(Date.UTC(2026, 5, 1, 12)));

async function redis(): Promise<Redis> {
  const c = new Redis(REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 500 });
  c.on("error", () => {});
  clients.push(c);
  if (c.status !== "ready") await new Promise<void>((resolve) => c.once("ready", () => resolve()));
  return c;
}

beforeAll(async () => {
  // Only balances are read: a small account (no 50,000-order history to generate first).
  sim = await startSimulator({ port: 0, controlPort: 0, seed: "fair", now: () => clock.now() });
});
afterAll(async () => {
  stop = true;
  for (const c of clients) c.disconnect();
  await sim.close();
});

it("an export alone uses >= 90 % of the account budget; a reader who arrives is served at once while it slows", async () => {
  const prefix = `t-${randomUUID()}`;
  const mk = async (): Promise<UpstreamGate> =>
    createUpstreamGate({
      ipPerMinute: 220,
      accountPerMinute: ACCOUNT_PER_MINUTE,
      instanceCount: 2,
      redis: await redis(),
      keyPrefix: prefix,
    });
  const [a, b] = [await mk(), await mk()];
  const exchange = createExchangeClient({ baseUrl: sim.url });
  const demo = sim.demoKeys["demo-small"]!;
  const read = (g: UpstreamGate, who: string, priority: "interactive" | "background") =>
    g.fetch({
      keyId: `key-${who}`,
      accountId: demo.accountId,
      endpoint: "balances",
      userId: who,
      egressIp: "egress",
      priority,
      refresh: true,
      classify: () => null,
      fetcher: async () => ({ data: (await exchange.getBalances(demo.key)).data }),
    });

  // Two actors: the export, and this test (first waiting out the export's time alone, then
  // reading). When both are parked on the clock, time moves to the next wake-up.
  const actors = 2;
  const driving = (async () => {
    while (!stop) {
      await waitFor("every actor to wait on the clock", () => stop || clock.pending >= actors, { everyMs: 1 });
      if (!stop) await clock.next();
    }
  })();

  const exportCalls: number[] = [];
  const exporting = (async () => {
    while (!stop) {
      const r = await read(a, "exporter", "background").catch(() => null);
      if (r?.source === "live") exportCalls.push(clock.now());
      // (A refusal is retried at once: the budget itself paces the export on the clock.)
    }
  })();

  const started = clock.now();
  await clock.sleep(24_000);
  const alone = exportCalls.filter((t) => t >= started).length;
  const aloneRate = alone / 24; // calls a second
  expect(aloneRate / (ACCOUNT_PER_MINUTE / 60)).toBeGreaterThanOrEqual(0.9);

  // A person starts reading the same account, on the other instance, once a second.
  const waits: number[] = [];
  let live = 0;
  const readerStarted = clock.now();
  try {
    while (clock.now() - readerStarted < 40_000) {
      const t0 = clock.now();
      const r = await read(b, "reader", "interactive");
      // Live, or (rarely, when the slot it needed was a moment away) its last answer, labelled,
      // after the usual short wait: never a refusal.
      if (r.source === "live") live++;
      waits.push(clock.now() - t0);
      await clock.sleep(1_000);
    }
  } finally {
    stop = true;
    await exporting;
    await driving;
  }
  expect(live / waits.length).toBeGreaterThanOrEqual(0.9);
  waits.sort((x, y) => x - y);
  const p95 = waits[Math.floor(waits.length * 0.95)]!;
  expect(p95).toBeLessThan(MAX_WAIT_MS.interactive);
  expect(waits.length).toBeGreaterThanOrEqual(30);
  // Once the account's minute is full, the export gets what the reader leaves.
  const late = exportCalls.filter((t) => t >= readerStarted + 25_000 && t < readerStarted + 40_000).length / 15;
  expect(late).toBeLessThan(aloneRate * 0.8);
  console.log(
    `export alone ${aloneRate.toFixed(2)}/s, with a reader ${late.toFixed(2)}/s; reader p95 ${p95} ms (clock time)`,
  );
  // The budget counts calls when it lets them go; the exchange sees them a few ms later, so its
  // count of a minute may differ by a call or two: never near its own 200, and never a 429.
  const counters = (await (await fetch(`${sim.controlUrl}/counters`)).json()) as {
    maxPerAccount: number;
    sent429: { total: number };
  };
  expect(counters.maxPerAccount).toBeLessThanOrEqual(ACCOUNT_PER_MINUTE + 3);
  expect(counters.sent429.total).toBe(0);
  a.close();
  b.close();
}, 120_000);
