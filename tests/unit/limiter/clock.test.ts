// The gate on a clock the test moves (lib/clock.ts): the minute rolls, a TTL runs out and a
// cool-down ends when the clock says so, not after a wait on the wall clock.
import { createUpstreamGate, BudgetExceededError, type FetchRequest } from "@/lib/limiter";
import { ManualClock, installClock } from "../../helpers/clock";

const clock = installClock(new ManualClock(Date.UTC(2026, 5, 1, 12)));
let n = 0;
const gate = (accountPerMinute = 180) =>
  createUpstreamGate({
    ipPerMinute: 240,
    accountPerMinute,
    instanceCount: 1,
    keyPrefix: `clock${n++}`,
    maxWaitMs: { interactive: 0, background: 0 },
  });
const req = (fetcher: FetchRequest<unknown>["fetcher"], refresh = false): FetchRequest<unknown> => ({
  keyId: "key-1",
  accountId: "acc-1",
  endpoint: "balances",
  userId: "u1",
  egressIp: "ip",
  priority: "interactive",
  classify: () => null,
  refresh,
  fetcher,
});

it("a sleeper wakes when the clock passes its deadline, in deadline order, and not before", async () => {
  const c = new ManualClock(0);
  const woke: string[] = [];
  void c.sleep(300).then(() => woke.push("300"));
  void c.sleep(100).then(() => woke.push("100"));
  void c.sleep(200).then(() => woke.push("200"));
  await c.advance(150);
  expect(woke).toEqual(["100"]);
  expect(c.now()).toBe(150);
  await c.advance(1_000);
  expect(woke).toEqual(["100", "200", "300"]);
  expect(c.pending).toBe(0);
});

it("the account's minute is full until the clock rolls it, then the next call goes", async () => {
  const g = gate(3);
  for (let i = 0; i < 3; i++) await g.budget.acquire({ ip: "ip", account: "a", user: `u${i}` }, "interactive");
  const refusal = await g.budget.acquire({ ip: "ip", account: "a", user: "u9" }, "interactive").then(
    () => null,
    (e: unknown) => e,
  );
  expect(refusal).toBeInstanceOf(BudgetExceededError);
  expect((refusal as BudgetExceededError).retryAfterMs).toBeGreaterThan(59_000);
  expect(await g.budget.used("account", "a")).toBe(3);
  await clock.advance(60_001);
  expect(await g.budget.used("account", "a")).toBe(0);
  await expect(g.budget.acquire({ ip: "ip", account: "a", user: "u9" }, "interactive")).resolves.toEqual(
    expect.any(String),
  );
  g.close();
});

it("a cached read is served until its TTL runs out on the clock, then read upstream again", async () => {
  const g = gate();
  let calls = 0;
  const fetcher = async () => ({ data: ++calls });
  expect(await g.fetch(req(fetcher))).toMatchObject({ source: "live", data: 1 });
  await clock.advance(4_999); // balances are fresh for 5 s (lib/limiter/policy.ts)
  expect(await g.fetch(req(fetcher))).toMatchObject({ source: "cache", data: 1 });
  await clock.advance(2);
  expect(await g.fetch(req(fetcher))).toMatchObject({ source: "live", data: 2 });
  expect(calls).toBe(2);
  g.close();
});

it("an account cool-down refuses calls until the clock passes its end", async () => {
  const g = gate();
  await g.cooldowns.set("account", "acc-1", 30_000);
  const during = await g.fetch(req(async () => ({ data: "x" }), true)).catch((e: unknown) => e);
  expect(during).toBeInstanceOf(BudgetExceededError);
  await clock.advance(30_001);
  await expect(g.fetch(req(async () => ({ data: "after" }), true))).resolves.toMatchObject({ source: "live" });
  g.close();
});
