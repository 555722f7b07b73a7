// GET /metrics against the simulator over HTTP: off without its token, refused with a wrong
// one; a burst through the gate moves the counters by exactly what the simulator counted; and
// no label value is a key, user, account or e-mail (nothing a caller chooses adds a series).
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { resetEnvCache } from "@/lib/env";
import { db, disconnectDb } from "@/lib/db";
import { addKeyForUser } from "@/lib/keys/add-key";
import type { CurrentUser } from "@/lib/sessions/session";
import type { Balances } from "@/lib/exchange/schemas";
import { egressKey, getGate } from "@/lib/limiter/instance";
import { enqueueDelivery, stopBoss } from "@/lib/alerts/queue";
import { newTestUser } from "../../helpers/users";
import { parseExposition, total, type Sample } from "../../helpers/prometheus-text";

const TOKEN = "metrics-token-metrics-token-0123456789";
let sim: RunningSimulator;
let readKeyData: typeof import("@/lib/reads/read").readKeyData;
let owner: CurrentUser;
const keyIds: Record<string, string> = {};

async function scrape(authorization?: string): Promise<Response> {
  const { GET } = await import("@/app/metrics/route");
  const headers: Record<string, string> = { host: "keydesk:3000" };
  if (authorization !== undefined) headers.authorization = authorization;
  return GET(new Request("http://keydesk:3000/metrics", { headers }), { params: Promise.resolve({}) });
}
async function samples(): Promise<Sample[]> {
  const res = await scrape(`Bearer ${TOKEN}`);
  expect(res.status).toBe(200);
  return parseExposition(await res.text());
}
async function simulatorCounters() {
  return (await (await fetch(`${sim.controlUrl}/counters`)).json()) as {
    totalRequests: number;
    sent429: { total: number };
  };
}
const fault = (body: object) => fetch(`${sim.controlUrl}/faults`, { method: "POST", body: JSON.stringify(body) });
const balances = (id: string, refresh: boolean) =>
  readKeyData<Balances>(owner, id, "balances", {}, (c, k) => c.getBalances(k), { refresh });

beforeAll(async () => {
  sim = await startSimulator({ port: 0, controlPort: 0, seed: "metrics" });
  Object.assign(process.env, {
    EXCHANGE_BASE_URL: sim.url,
    SIMULATOR_CONTROL_URL: sim.controlUrl,
    REDIS_URL: "",
    KEYDESK_METRICS_TOKEN: TOKEN,
  });
  resetEnvCache();
  ({ readKeyData } = await import("@/lib/reads/read"));
  owner = await newTestUser("metrics");
});
afterEach(async () => {
  await fetch(`${sim.controlUrl}/faults`, { method: "DELETE" });
});
afterAll(async () => {
  await stopBoss();
  getGate().close();
  await sim.close();
  await disconnectDb();
});

describe("who may read /metrics", () => {
  afterEach(() => {
    process.env.KEYDESK_METRICS_TOKEN = TOKEN;
    resetEnvCache();
  });

  it("is a 404 when KEYDESK_METRICS_TOKEN is unset, token or not", async () => {
    delete process.env.KEYDESK_METRICS_TOKEN;
    resetEnvCache();
    for (const auth of [undefined, `Bearer ${TOKEN}`]) {
      const res = await scrape(auth);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toMatch(/keydesk_/);
    }
  });

  it("refuses a missing, wrong, prefixed or non-bearer token with a bare 401", async () => {
    for (const auth of [
      undefined,
      "",
      "Bearer",
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(1)}`,
      `Basic ${TOKEN}`,
      TOKEN,
    ]) {
      const res = await scrape(auth);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await res.text()).toBe("Unauthorized\n");
    }
  });

  it("answers the right token with Prometheus text carrying every documented name", async () => {
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    for (const name of [
      "keydesk_exchange_calls_total",
      "keydesk_rate_limited_total",
      "keydesk_cache_reads_total",
      "keydesk_stale_answers_total",
      "keydesk_budget_used",
      "keydesk_budget_ceiling_per_minute",
      "keydesk_budget_account_used_max",
      "keydesk_budget_accounts",
      "keydesk_jobs",
      "keydesk_job_failures_total",
      "keydesk_live_streams_open",
      "keydesk_http_request_duration_seconds",
      "process_cpu_seconds_total",
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });
});

it("a burst through the gate moves the counters by exactly the calls the simulator saw", async () => {
  const simBefore = await simulatorCounters();
  const before = await samples();
  for (const name of ["demo-small", "demo-read", "demo-trade"]) {
    const r = await addKeyForUser(
      { user: owner, steppedUp: true },
      { label: name, key: sim.demoKeys[name]!.key, confirmation: "WITHDRAW", confirmTrade: "yes" },
    );
    if (!r.ok) throw new Error(r.message);
    keyIds[name] = r.keyRowId;
  }
  // 3 keys x 5 refreshed reads (each one upstream call), then 40 viewers of one key at once.
  for (let round = 0; round < 5; round++) await Promise.all(Object.values(keyIds).map((id) => balances(id, true)));
  await Promise.all(Array.from({ length: 40 }, () => balances(keyIds["demo-small"]!, false)));
  // An upstream 429 with data on hand: counted as an exchange 429 and a stale answer.
  await fault({ kind: "ratelimit", account: "demo-read", count: 1 });
  expect(await balances(keyIds["demo-read"]!, true)).toMatchObject({ source: "stale", staleReason: "rate_limited" });

  const simAfter = await simulatorCounters();
  const after = await samples();
  const delta = (name: string, where: Record<string, string> = {}) =>
    total(after, name, where) - total(before, name, where);
  const simCalls = simAfter.totalRequests - simBefore.totalRequests;
  console.log(
    `burst: simulator saw ${simCalls} calls, keydesk_exchange_calls_total moved ${delta("keydesk_exchange_calls_total")}`,
  );
  expect(delta("keydesk_exchange_calls_total")).toBe(simCalls);
  expect(delta("keydesk_exchange_calls_total", { endpoint: "balances", outcome: "ok" })).toBeGreaterThanOrEqual(15);
  expect(delta("keydesk_exchange_calls_total", { endpoint: "key_check" })).toBeGreaterThanOrEqual(3);
  expect(delta("keydesk_exchange_calls_total", { outcome: "rate_limited" })).toBe(1);
  expect(delta("keydesk_rate_limited_total", { source: "exchange" })).toBe(
    simAfter.sent429.total - simBefore.sent429.total,
  );
  expect(delta("keydesk_stale_answers_total", { reason: "rate_limited" })).toBe(1);
  // The 40 viewers: one went upstream (or found the fresh value), the rest were served without a call.
  const viewers =
    delta("keydesk_cache_reads_total", { endpoint: "balances", result: "hit" }) +
    delta("keydesk_cache_reads_total", { endpoint: "balances", result: "coalesced" });
  expect(viewers).toBeGreaterThanOrEqual(39);
  expect(delta("keydesk_cache_reads_total", { endpoint: "balances", result: "miss" })).toBeGreaterThanOrEqual(16);

  // The budget gauges read the budget's own store: the IP's minute and every account, summarised.
  expect(total(after, "keydesk_budget_used", { layer: "ip" })).toBe(await getGate().budget.used("ip", egressKey()));
  expect(total(after, "keydesk_budget_used", { layer: "ip" })).toBeGreaterThan(0);
  expect(total(after, "keydesk_budget_ceiling_per_minute", { layer: "account" })).toBe(180);
  const accounts = await db.apiKey.findMany({ distinct: ["accountId"], select: { accountId: true } });
  expect(total(after, "keydesk_budget_accounts")).toBe(accounts.length);
  expect(total(after, "keydesk_budget_account_used_max")).toBeGreaterThanOrEqual(5);
});

it("reports pg-boss's queue depth from the database", async () => {
  await enqueueDelivery("00000000-metrics-queue-depth");
  const s = await samples();
  expect(total(s, "keydesk_jobs", { queue: "alerts-deliver", state: "created" })).toBeGreaterThanOrEqual(1);
  expect(total(s, "keydesk_jobs", { queue: "alerts-scan-keys", state: "failed" })).toBe(0);
});

it("no label value names a key, user, account or e-mail; every label is from a small fixed set", async () => {
  const s = await samples();
  const secrets = [
    owner.id,
    owner.email,
    ...Object.values(keyIds),
    ...Object.values(sim.demoKeys).flatMap((d) => [d.accountId, d.key.slice(0, 16)]),
  ];
  const values = new Map<string, Set<string>>();
  for (const sample of s) {
    for (const [label, value] of Object.entries(sample.labels)) {
      for (const secret of secrets) expect(value).not.toContain(secret);
      (values.get(label) ?? values.set(label, new Set()).get(label)!).add(value);
    }
  }
  const allowed = new Set([
    "endpoint",
    "outcome",
    "source",
    "layer",
    "result",
    "reason",
    "band",
    "queue",
    "state",
    "route",
    "method",
    "code",
    "le",
    "quantile",
    "type",
    "space",
    "kind",
    "major",
    "minor",
    "patch",
    "version",
  ]);
  for (const [label, set] of values) {
    expect(allowed.has(label) ? label : `unexpected label ${label}`).toBe(label);
    expect(set.size).toBeLessThanOrEqual(40);
  }
});
