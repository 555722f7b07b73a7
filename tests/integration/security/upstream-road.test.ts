// One road to the exchange. Anonymous health checks and rejected add-key
// attempts could make the exchange block this server's IP; every call now passes the gate.
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { resetEnvCache } from "@/lib/env";
import { disconnectDb } from "@/lib/db";
import { addKeyForUser } from "@/lib/keys/add-key";
import { newTestUser } from "../../helpers/users";
import { counters, mintKey, revokeKey } from "./attack-helpers";

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, controlPort: 0, seed: "road" });
  Object.assign(process.env, {
    EXCHANGE_BASE_URL: sim.url,
    SIMULATOR_CONTROL_URL: sim.controlUrl,
    REDIS_URL: "",
    KEYDESK_HEALTH_TOKEN: "operator-token-operator-token-0123",
  });
  resetEnvCache();
});
beforeEach(async () => {
  await fetch(`${sim.controlUrl}/limits/reset`, { method: "POST" });
});
afterAll(async () => {
  await sim.close();
  await disconnectDb();
});

const health = async (headers: Record<string, string> = {}) => {
  const { GET } = await import("@/app/api/[...path]/route");
  return GET(new Request("http://localhost:3000/api/health", { headers: { host: "localhost:3000", ...headers } }));
};

it("300 anonymous GET /api/health within a minute: at most 2 exchange calls, no 429, no IP block; anonymous answers carry no detail", async () => {
  const before = await counters(sim);
  const answers = [];
  for (let i = 0; i < 30; i++) answers.push(...(await Promise.all(Array.from({ length: 10 }, () => health()))));
  const after = await counters(sim);
  const calls = after.totalRequests - before.totalRequests;
  console.log(
    `health x300: ${calls} exchange calls, ${after.sent429.total - before.sent429.total} x 429, IP blocked: ${Object.keys(after.blockedIps).length > 0}`,
  );
  expect(calls).toBeLessThanOrEqual(2);
  expect(after.sent429.total - before.sent429.total).toBe(0);
  expect(after.blockedIps).toEqual({});
  // 503 only when the database is slow to answer (a loaded test machine), never from the exchange.
  expect(answers.every((r) => r.status === 200 || r.status === 503)).toBe(true);
  const body = (await (await health()).json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status: "ok", checks: { database: "ok", exchange: "ok" } });
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/127\.0\.0\.1|localhost|ms"|error/);
});

it("health detail only with the operator token; a wrong token gets the summary", async () => {
  const wrong = (await (await health({ authorization: "Bearer operator-token-operator-token-0124" })).json()) as {
    checks: Record<string, unknown>;
  };
  expect(wrong.checks.database).toBe("ok");
  const right = (await (await health({ authorization: "Bearer operator-token-operator-token-0123" })).json()) as {
    checks: { database: { ok: boolean; ms: number }; exchange: { ok: boolean } };
  };
  expect(right.checks.database).toMatchObject({ ok: true });
  expect(typeof right.checks.database.ms).toBe("number");
  expect(right.checks.exchange).toMatchObject({ ok: true });
});

it("50 add-key attempts in a minute with a key the exchange rejects: calls stay inside the key-check budget, no IP block, each refusal says why", async () => {
  const u = await newTestUser("road");
  const minted = await mintKey(sim, "road-victim");
  await revokeKey(sim, minted.jti);
  const before = await counters(sim);
  const outcomes: Record<string, number> = {};
  let refusal = "";
  for (let i = 0; i < 50; i++) {
    const r = await addKeyForUser({ user: u, steppedUp: true }, { label: `try ${i}`, key: minted.key });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      outcomes[r.code] = (outcomes[r.code] ?? 0) + 1;
      if (r.code === "exchange_unavailable") refusal = r.message;
    }
  }
  const after = await counters(sim);
  const calls = after.totalRequests - before.totalRequests;
  console.log(
    `add-key x50 (rejected key): ${calls} exchange calls, ${after.sent429.total - before.sent429.total} x 429, IP blocked: ${Object.keys(after.blockedIps).length > 0}, outcomes ${JSON.stringify(outcomes)}`,
  );
  expect(calls).toBeLessThanOrEqual(10);
  expect(after.sent429.total - before.sent429.total).toBe(0);
  expect(after.blockedIps).toEqual({});
  expect(outcomes.rejected_by_exchange).toBe(calls);
  expect(refusal).toMatch(/too many keys.*Try again in \d+ s/);
});
