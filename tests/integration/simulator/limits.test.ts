// The exchange's limits, exactly: the 201st private request in a rolling minute per
// account and the 241st request per IP are refused, and both recover. In both dialects.
import { startSimulator, type Dialect, type RunningSimulator } from "@/lib/simulator";
import { call, control, DIALECTS } from "./helpers";

describe.each(DIALECTS)("%s dialect", (dialect: Dialect) => {
  let clock = Date.parse("2026-11-24T12:00:00.000Z");
  let sim: RunningSimulator;

  beforeEach(async () => {
    clock = Date.parse("2026-11-24T12:00:00.000Z");
    sim = await startSimulator({
      port: 0,
      controlPort: 0,
      seed: "limits",
      dialect,
      trustClientIpHeader: true,
      ipBlockMs: 120_000,
      now: () => clock,
    });
  });
  afterEach(() => sim.close());

  it("account: 200 per rolling minute, the 201st gets 429 RATELIMIT, throttled for a minute", async () => {
    const key = sim.demoKeys["demo-small"]!.key;
    for (let i = 1; i <= 200; i++) {
      const res = await call(sim, "/account/balances", { key, ip: `198.51.100.${i % 200}` });
      expect(res.status).toBe(200);
      expect(res.headers.get("bp-remaining-quota")).toBe(String(200 - i));
    }
    expect(await call(sim, "/account/balances", { key })).toMatchObject({ status: 429, body: { error: "RATELIMIT" } });
    clock += 59_000;
    expect((await call(sim, "/account/balances", { key })).status).toBe(429);
    clock += 1_001;
    expect((await call(sim, "/account/balances", { key })).status).toBe(200);
    const counters = await control(sim, "/counters");
    expect(counters.maxPerAccount).toBe(201);
    expect((counters.sent429 as { account: number }).account).toBe(2);
  });

  it("counts per account, not per key: two keys of one account share the 200", async () => {
    const a = sim.demoKeys["demo-small"]!;
    const second = await control(sim, "/keys", { scopes: ["READ_ONLY"], account: a.accountId });
    for (let i = 0; i < 100; i++) await call(sim, "/account/balances", { key: a.key, ip: `10.0.${i}.1` });
    for (let i = 0; i < 100; i++) await call(sim, "/account/balances", { key: String(second.key), ip: `10.1.${i}.1` });
    expect((await call(sim, "/account/balances", { key: a.key, ip: "10.9.9.9" })).status).toBe(429);
  });

  it("the window rolls: old requests leave it one by one (no fixed minute buckets)", async () => {
    const key = sim.demoKeys["demo-small"]!.key;
    for (let i = 0; i < 100; i++) await call(sim, "/account/balances", { key, ip: `10.2.${i}.1` });
    clock += 30_000;
    for (let i = 0; i < 100; i++) await call(sim, "/account/balances", { key, ip: `10.3.${i}.1` });
    clock += 30_001; // the first hundred are now older than 60 s
    expect((await call(sim, "/account/balances", { key, ip: "10.4.0.1" })).status).toBe(200);
    expect(
      Number((await call(sim, "/account/balances", { key, ip: "10.4.0.2" })).headers.get("bp-remaining-quota")),
    ).toBe(98);
  });

  it("IP: 240 per rolling minute, the 241st gets 429 CF_RATELIMIT and the IP is blocked for the configured time", async () => {
    for (let i = 1; i <= 240; i++) expect((await call(sim, "/time", { ip: "203.0.113.50" })).status).toBe(200);
    expect(await call(sim, "/time", { ip: "203.0.113.50" })).toMatchObject({
      status: 429,
      body: { error: "CF_RATELIMIT" },
    });
    expect((await call(sim, "/time", { ip: "203.0.113.51" })).status).toBe(200);
    clock += 61_000;
    expect((await call(sim, "/time", { ip: "203.0.113.50" })).status).toBe(429);
    clock += 60_000;
    expect((await call(sim, "/time", { ip: "203.0.113.50" })).status).toBe(200);
    const counters = await control(sim, "/counters");
    expect(counters.maxPerIp).toBe(241);
  });

  it("forced faults: 429, 5xx, malformed JSON, reset, latency", async () => {
    const key = sim.demoKeys["demo-small"]!.key;
    await control(sim, "/faults", { kind: "ratelimit", count: 1 });
    expect(await call(sim, "/account/balances", { key })).toMatchObject({ status: 429, body: { error: "RATELIMIT" } });
    await control(sim, "/faults", { kind: "error5xx", status: 503, count: 1 });
    expect(await call(sim, "/time")).toMatchObject({ status: 503, body: { error: "SERVICE_UNAVAILABLE" } });
    await control(sim, "/faults", { kind: "malformed", count: 1 });
    const res = await fetch(`${sim.url}/time`);
    await expect(res.json()).rejects.toThrow();
    await control(sim, "/faults", { kind: "reset", count: 1 });
    await expect(fetch(`${sim.url}/time`)).rejects.toThrow();
    await control(sim, "/faults", { kind: "latency", latencyMs: 300, count: 1 });
    const started = performance.now();
    expect((await call(sim, "/time")).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect((await call(sim, "/account/balances", { key })).status).toBe(200);
  });
});

it("one host: the per-IP count and its block span both bases", async () => {
  const clock = Date.parse("2026-11-24T12:00:00.000Z");
  const sim = await startSimulator({
    port: 0,
    controlPort: 0,
    seed: "limits",
    dialect: "fast",
    trustClientIpHeader: true,
    now: () => clock,
  });
  try {
    for (let i = 0; i < 120; i++)
      expect((await call(sim, "/time", { ip: "203.0.113.60", base: sim.urls.bitpanda })).status).toBe(200);
    for (let i = 0; i < 120; i++)
      expect((await call(sim, "/time", { ip: "203.0.113.60", base: sim.urls.fast })).status).toBe(200);
    expect(await call(sim, "/time", { ip: "203.0.113.60", base: sim.urls.fast })).toMatchObject({
      status: 429,
      body: { error: "CF_RATELIMIT" },
    });
    expect((await call(sim, "/time", { ip: "203.0.113.60", base: sim.urls.bitpanda })).status).toBe(429);
  } finally {
    await sim.close();
  }
});
