// The gate's no-wait mode (a page's first paint): a read that would have to wait for budget
// answers at once, with its last value labelled stale, or BudgetExceededError when there is
// none; the same read without the mode waits. The clock is fake: "at once" means before any
// time has passed, not a measured duration.
import { createUpstreamGate, BudgetExceededError, type FetchRequest } from "@/lib/limiter";

let n = 0;
const gate = () =>
  createUpstreamGate({
    ipPerMinute: 240,
    accountPerMinute: 180,
    instanceCount: 1,
    keyPrefix: `nw${n++}`,
    maxWaitMs: { interactive: 61_000, background: 0 },
  });
const req = <T>(over: Partial<FetchRequest<T>> & { fetcher: FetchRequest<T>["fetcher"] }): FetchRequest<T> => ({
  keyId: "key-nw",
  accountId: "acc-nw",
  endpoint: "balances",
  userId: "u1",
  egressIp: "ip",
  priority: "interactive",
  classify: () => null,
  refresh: true,
  ...over,
});

/** Spends the rest of the account's minute (180 calls). */
async function spend(g: ReturnType<typeof gate>, already: number) {
  for (let i = already; i < 180; i++)
    await g.budget.acquire({ ip: "ip", account: "acc-nw", user: `x${i}` }, "interactive");
}

describe("the gate's no-wait mode", () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] }));
  afterEach(() => jest.useRealTimers());

  it("answers a read that would wait for budget at once with its last value, labelled, with a retry time", async () => {
    const g = gate();
    await g.fetch(req({ fetcher: async () => ({ data: "old" }) }));
    await spend(g, 1);
    // The minute is about to roll: a plain read with data on hand waits these last 100 ms for budget.
    await jest.advanceTimersByTimeAsync(59_900);
    let fetched = 0;
    let quick: unknown;
    void g.fetch(req({ noWait: true, fetcher: async () => ({ data: `new${++fetched}` }) })).then((r) => (quick = r));
    let plain: unknown;
    void g.fetch(req({ endpoint: "fees", fetcher: async () => ({ data: "fees" }) })).then((r) => (plain = r));
    await jest.advanceTimersByTimeAsync(0);
    expect(quick).toMatchObject({ data: "old", source: "stale", staleReason: "rate_limited" });
    expect((quick as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    expect(fetched).toBe(0);
    expect(plain).toBeUndefined();
    await jest.advanceTimersByTimeAsync(200);
    expect(plain).toMatchObject({ data: "fees", source: "live" });
  });

  it("with nothing to show, refuses at once where a plain read waits for the next window", async () => {
    const g = gate();
    await spend(g, 0);
    let quick: unknown;
    void g
      .fetch(req({ endpoint: "fees", noWait: true, fetcher: async () => ({ data: "fees" }) }))
      .then(
        (r) => r,
        (e: unknown) => e,
      )
      .then((r) => (quick = r));
    let plain: unknown;
    void g
      .fetch(req({ endpoint: "trades", fetcher: async () => ({ data: "trades" }) }))
      .then(
        (r) => r,
        (e: unknown) => e,
      )
      .then((r) => (plain = r));
    await jest.advanceTimersByTimeAsync(0);
    expect(quick).toBeInstanceOf(BudgetExceededError);
    expect(plain).toBeUndefined();
    await jest.advanceTimersByTimeAsync(61_000);
    expect(plain).toMatchObject({ data: "trades", source: "live" });
  });

  it("changes nothing when the budget has room: the read goes upstream", async () => {
    const g = gate();
    const r = await g.fetch(req({ noWait: true, fetcher: async () => ({ data: "live" }) }));
    expect(r).toMatchObject({ data: "live", source: "live" });
  });
});
