// The exchange counts a call when it arrives, not when the gate allowed it. Between the two lie
// the key's decryption, a busy event loop, a queue for a connection: seconds on a loaded machine.
// A saturated budget must still never put more than its ceiling into the exchange's rolling
// minute, whatever that delay. The exchange here is the simulator's own rolling count
// (lib/simulator/limits.ts), on the test's clock.
import { createUpstreamGate, BudgetExceededError } from "@/lib/limiter";
import { sleep } from "@/lib/clock";
import { Limits } from "@/lib/simulator/limits";
import { ManualClock, installClock } from "../../helpers/clock";

const clock = installClock(new ManualClock(Date.UTC(2026, 5, 1, 12)));
const CEILING = 10;
let n = 0;

it("a call that reaches the exchange late holds its slot until a minute after it finished", async () => {
  const gate = createUpstreamGate({
    ipPerMinute: CEILING,
    accountPerMinute: CEILING,
    instanceCount: 1,
    keyPrefix: `arrival${n++}`,
    maxWaitMs: { interactive: 0, background: 0 },
  });
  // The exchange blocks the address on the first call over the ceiling in any rolling minute.
  const exchange = new Limits({
    accountLimit: 200,
    ipLimit: CEILING,
    windowMs: 60_000,
    accountThrottleMs: 60_000,
    ipBlockMs: 3_600_000,
  });
  const call = (i: number, delayMs: number) =>
    gate.call({
      purpose: "health",
      keyId: null,
      accountId: null,
      userId: `u${i}`,
      egressIp: "egress",
      priority: "interactive",
      fn: async () => {
        if (delayMs) await sleep(delayMs);
        const v = exchange.checkIp("egress", "GET", clock.now());
        if (!v.ok) throw new Error(v.code);
        return v;
      },
    });
  // The whole minute's budget taken at once; every call arrives 5 s later.
  const first = Array.from({ length: CEILING }, (_, i) => call(i, 5_000));
  // Every call is on its way (its delay started) before the time moves.
  while (clock.pending < CEILING) await new Promise((r) => setImmediate(r));
  await clock.advance(5_000);
  await Promise.all(first);
  // A minute after the takes, but only 55 s after the exchange counted them.
  await clock.advance(55_001);
  const second = await Promise.allSettled(Array.from({ length: CEILING }, (_, i) => call(100 + i, 0)));
  expect(second.every((r) => r.status === "rejected" && r.reason instanceof BudgetExceededError)).toBe(true);
  expect(exchange.snapshot(clock.now()).maxPerIp).toBeLessThanOrEqual(CEILING);
  expect(exchange.snapshot(clock.now()).blockedIps).toEqual({});
  // A minute after the calls finished, the slots are free again.
  await clock.advance(5_000);
  const third = await Promise.allSettled(Array.from({ length: CEILING }, (_, i) => call(200 + i, 0)));
  expect(third.filter((r) => r.status === "fulfilled")).toHaveLength(CEILING);
  expect(exchange.snapshot(clock.now()).maxPerIp).toBe(CEILING);
  gate.close();
});
