import { createUpstreamGate, BudgetExceededError, type FetchRequest } from "@/lib/limiter";
import { planWindow } from "@/lib/limiter/window-math";

const classifyNone = () => null;
let n = 0;
function gate(opts: Partial<Parameters<typeof createUpstreamGate>[0]> = {}) {
  return createUpstreamGate({ ipPerMinute: 220, accountPerMinute: 180, userPerMinute: 60, instanceCount: 1, keyPrefix: `t${n++}`, maxWaitMs: { interactive: 0, background: 0 }, ...opts });
}
function req<T>(over: Partial<FetchRequest<T>> & { fetcher: FetchRequest<T>["fetcher"] }): FetchRequest<T> {
  return { accountId: "acc-1", endpoint: "balances", userId: "u1", egressIp: "ip", priority: "interactive", classify: classifyNone, refresh: true, ...over };
}

describe("budget edges", () => {
  it("allows exactly the per-window points on one account, then refuses with a retry time", async () => {
    const g = gate({ ipPerMinute: 240, accountPerMinute: 180, userPerMinute: 200 });
    const p = planWindow(180).pointsPerWindow;
    let ok = 0;
    let refused: unknown;
    for (let i = 0; i < p + 1; i++) {
      try {
        await g.budget.acquire({ ip: "ip", account: "a", user: `u${i}` }, "interactive");
        ok++;
      } catch (err) {
        refused = err;
      }
    }
    expect(ok).toBe(p);
    expect(refused).toBeInstanceOf(BudgetExceededError);
    expect((refused as BudgetExceededError).layer).toBe("account");
    expect((refused as BudgetExceededError).retryAfterMs).toBeGreaterThan(0);
  });

  it("a refused later layer refunds the earlier ones", async () => {
    const g = gate({ userPerMinute: 7 });
    const userP = planWindow(7).pointsPerWindow;
    for (let i = 0; i < userP; i++) await g.budget.acquire({ ip: "ip", account: "a", user: "greedy" }, "interactive");
    await expect(g.budget.acquire({ ip: "ip", account: "a", user: "greedy" }, "interactive")).rejects.toMatchObject({ layer: "user" });
    expect(await g.budget.used("ip", "ip")).toBe(userP);
    expect(await g.budget.used("account", "a")).toBe(userP);
  });

  it("the window rolls over: after it passes, requests are allowed again", async () => {
    const g = gate({ ipPerMinute: 240, accountPerMinute: 180, maxWaitMs: { interactive: 6_000, background: 0 } });
    const p = planWindow(180).pointsPerWindow;
    for (let i = 0; i < p; i++) await g.budget.acquire({ ip: "ip", account: "roll", user: `u${i}` }, "interactive");
    const started = Date.now();
    await g.budget.acquire({ ip: "ip", account: "roll", user: "late" }, "interactive"); // waits for the next window
    expect(Date.now() - started).toBeGreaterThan(100);
    expect(Date.now() - started).toBeLessThanOrEqual(planWindow(180).windowSeconds * 1000 + 200);
  });
});

describe("fairness and priority", () => {
  it("one greedy user cannot take the whole account: another user still gets through", async () => {
    const g = gate({ accountPerMinute: 180, userPerMinute: 20 });
    const userP = planWindow(20).pointsPerWindow;
    let greedy = 0;
    for (let i = 0; i < 50; i++) {
      try { await g.budget.acquire({ ip: "ip", account: "shared", user: "greedy" }, "interactive"); greedy++; } catch { /* refused */ }
    }
    expect(greedy).toBe(userP);
    await expect(g.budget.acquire({ ip: "ip", account: "shared", user: "polite" }, "interactive")).resolves.toBeUndefined();
  });

  it("background work leaves a quarter of each window to people", async () => {
    const g = gate({ ipPerMinute: 240, accountPerMinute: 180, userPerMinute: 200 });
    const p = planWindow(180).pointsPerWindow;
    let bg = 0;
    for (let i = 0; i < p; i++) {
      try { await g.budget.acquire({ ip: "ip", account: "mixed", user: `b${i}` }, "background"); bg++; } catch { /* reserve reached */ }
    }
    expect(bg).toBe(Math.floor(p * 0.75));
    let people = 0;
    for (let i = 0; i < p; i++) {
      try { await g.budget.acquire({ ip: "ip", account: "mixed", user: `i${i}` }, "interactive"); people++; } catch { /* full */ }
    }
    expect(people).toBe(p - bg);
  });

  it("queued background work waits while people are waiting", async () => {
    const g = gate({ ipPerMinute: 240, accountPerMinute: 180, userPerMinute: 200, maxWaitMs: { interactive: 6_000, background: 12_000 } });
    const p = planWindow(180).pointsPerWindow;
    for (let i = 0; i < p; i++) await g.budget.acquire({ ip: "ip", account: "q", user: `f${i}` }, "interactive");
    const order: string[] = [];
    const people = Array.from({ length: 3 }, (_, i) => g.budget.acquire({ ip: "ip", account: "q", user: `p${i}` }, "interactive").then(() => order.push("interactive")));
    const bg = g.budget.acquire({ ip: "ip", account: "q", user: "export" }, "background").then(() => order.push("background"));
    await Promise.all([...people, bg]);
    expect(order.indexOf("background")).toBe(3);
  });
});

describe("cache, coalescing and stale data", () => {
  it("50 concurrent identical reads share one upstream call", async () => {
    const g = gate();
    let calls = 0;
    const fetcher = async () => { calls++; await new Promise((r) => setTimeout(r, 50)); return { data: { v: 1 } }; };
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => g.fetch(req({ fetcher, userId: `u${i}`, refresh: false }))));
    expect(calls).toBe(1);
    expect(results.every((r) => (r.data as { v: number }).v === 1)).toBe(true);
    const again = await g.fetch(req({ fetcher, refresh: false }));
    expect(again.source).toBe("cache");
    expect(calls).toBe(1);
  });

  it("a fresh cache hit uses no budget", async () => {
    const g = gate();
    await g.fetch(req({ fetcher: async () => ({ data: 1 }), refresh: false }));
    const before = await g.budget.used("account", "acc-1");
    for (let i = 0; i < 20; i++) await g.fetch(req({ fetcher: async () => ({ data: 2 }), refresh: false }));
    expect(await g.budget.used("account", "acc-1")).toBe(before);
  });

  it("serves stale data, labelled rate_limited, when the budget is spent", async () => {
    const g = gate({ ipPerMinute: 240, accountPerMinute: 180, userPerMinute: 200 });
    await g.fetch(req({ fetcher: async () => ({ data: "old" }) }));
    const p = planWindow(180).pointsPerWindow;
    for (let i = 1; i < p; i++) await g.budget.acquire({ ip: "ip", account: "acc-1", user: `x${i}` }, "interactive");
    const r = await g.fetch(req({ fetcher: async () => ({ data: "new" }) }));
    expect(r).toMatchObject({ data: "old", source: "stale", staleReason: "rate_limited" });
    expect(r.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("with data on hand, a viewer waits only briefly for budget; with nothing to show, the full wait", async () => {
    // Fake clock: the account's 4 s window cannot roll over unless the test moves time.
    jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
    try {
      const g = gate({ ipPerMinute: 240, accountPerMinute: 180, userPerMinute: 200, maxWaitMs: { interactive: 6_000, background: 0 } });
      await g.fetch(req({ accountId: "acc-w", fetcher: async () => ({ data: "old" }) }));
      const p = planWindow(180).pointsPerWindow;
      for (let i = 1; i < p; i++) await g.budget.acquire({ ip: "ip", account: "acc-w", user: `x${i}` }, "interactive");
      let settled: unknown;
      void g.fetch(req({ accountId: "acc-w", fetcher: async () => ({ data: "new" }) })).then((r) => (settled = r));
      await jest.advanceTimersByTimeAsync(300);
      expect(settled).toMatchObject({ data: "old", source: "stale", staleReason: "rate_limited" });
      // Another endpoint of the same account has nothing cached: it waits for the next window.
      let fees: unknown;
      void g.fetch(req({ accountId: "acc-w", endpoint: "fees", fetcher: async () => ({ data: "fees" }) })).then((r) => (fees = r), (e: unknown) => (fees = e));
      await jest.advanceTimersByTimeAsync(300);
      expect(fees).toBeUndefined();
      await jest.advanceTimersByTimeAsync(4_000);
      expect(fees).toMatchObject({ data: "fees", source: "live" });
    } finally {
      jest.useRealTimers();
    }
  });

  it("while pacing delays a retry after a failure, the stale label names the failure, not the pacing", async () => {
    const g = gate({ ipPerMinute: 240, accountPerMinute: 180, userPerMinute: 200 });
    const boom = new Error("502");
    const classify = (e: unknown) => (e === boom ? { staleReason: "upstream_error" as const, serveStale: true } : null);
    await g.fetch(req({ accountId: "acc-f", fetcher: async () => ({ data: "old" }) }));
    expect(await g.fetch(req({ accountId: "acc-f", classify, fetcher: async () => { throw boom; } }))).toMatchObject({ source: "stale", staleReason: "upstream_error" });
    const p = planWindow(180).pointsPerWindow;
    for (let i = 2; i < p; i++) await g.budget.acquire({ ip: "ip", account: "acc-f", user: `x${i}` }, "interactive");
    // The budget refuses this one; the data is still old because the exchange failed.
    expect(await g.fetch(req({ accountId: "acc-f", classify, fetcher: async () => ({ data: "new" }) }))).toMatchObject({ data: "old", source: "stale", staleReason: "upstream_error" });
    // Another read of the account that never failed is plainly paced.
    await g.cache.set("acc-f|fees|", { data: "fees", fetchedAt: Date.now() - 120_000 }, 86_400_000);
    expect(await g.fetch(req({ accountId: "acc-f", endpoint: "fees", fetcher: async () => ({ data: "x" }) }))).toMatchObject({ source: "stale", staleReason: "rate_limited" });
  });

  it("throws when the budget is spent and nothing is cached", async () => {
    const g = gate({ accountPerMinute: 7 });
    const p = planWindow(7).pointsPerWindow;
    for (let i = 0; i < p; i++) await g.budget.acquire({ ip: "ip", account: "acc-1", user: `x${i}` }, "interactive");
    await expect(g.fetch(req({ fetcher: async () => ({ data: 1 }) }))).rejects.toBeInstanceOf(BudgetExceededError);
  });

  it("an upstream 429 cools the account down: stale data with a reason, no further upstream calls", async () => {
    const g = gate();
    await g.fetch(req({ fetcher: async () => ({ data: "cached" }) }));
    let calls = 0;
    const boom = new Error("429");
    const classify = (e: unknown) => (e === boom ? { staleReason: "rate_limited" as const, serveStale: true, cooldown: { kind: "account" as const, ms: 60_000 } } : null);
    const first = await g.fetch(req({ fetcher: async () => { calls++; throw boom; }, classify }));
    expect(first).toMatchObject({ data: "cached", source: "stale", staleReason: "rate_limited" });
    const second = await g.fetch(req({ fetcher: async () => { calls++; return { data: "x" }; }, classify }));
    expect(second).toMatchObject({ source: "stale", staleReason: "account_cooldown" });
    expect(calls).toBe(1);
    // Another account is not affected.
    expect((await g.fetch(req({ accountId: "acc-2", fetcher: async () => ({ data: "ok" }) }))).source).toBe("live");
  });

  it("an IP block stops every account", async () => {
    const g = gate();
    await g.cooldowns.set("ip", "ip", 3_600_000);
    await expect(g.fetch(req({ accountId: "any", fetcher: async () => ({ data: 1 }) }))).rejects.toMatchObject({ reason: "ip_blocked" });
  });

  it("errors the classifier doesn't excuse are thrown, not hidden", async () => {
    const g = gate();
    await g.fetch(req({ fetcher: async () => ({ data: "cached" }) }));
    const bad = new Error("bad request");
    await expect(g.fetch(req({ fetcher: async () => { throw bad; } }))).rejects.toBe(bad);
  });

  it("a low bp-remaining-quota (another tool is using the account) backs off for a minute", async () => {
    const g = gate();
    await g.fetch(req({ fetcher: async () => ({ data: 1, remainingQuota: 5 }) }));
    const r = await g.fetch(req({ fetcher: async () => ({ data: 2 }) }));
    expect(r).toMatchObject({ source: "stale", staleReason: "account_cooldown" });
  });

  it("a cool-down found by the first attempt gives back the budget that attempt took", async () => {
    const g = gate();
    await g.fetch(req({ fetcher: async () => ({ data: "cached" }) }));
    expect(await g.budget.used("account", "acc-1")).toBe(1);
    await g.cooldowns.set("account", "acc-1", 60_000);
    const r = await g.fetch(req({ fetcher: async () => ({ data: "never" }) }));
    expect(r).toMatchObject({ data: "cached", source: "stale", staleReason: "account_cooldown" });
    expect(await g.budget.used("ip", "ip")).toBe(1);
    expect(await g.budget.used("account", "acc-1")).toBe(1);
    expect(await g.budget.used("user", "u1")).toBe(1);
  });
});

describe("preparing an upstream call", () => {
  it("prepare runs once, before the fetcher, only for reads that go upstream", async () => {
    const g = gate();
    const steps: string[] = [];
    const prepare = () => steps.push("prepare");
    const fetcher = async () => {
      steps.push("fetch");
      return { data: steps.length };
    };
    await g.fetch(req({ refresh: false, prepare, fetcher }));
    expect(steps).toEqual(["prepare", "fetch"]);
    // A fresh cache hit: nothing prepared, nothing fetched.
    expect((await g.fetch(req({ refresh: false, prepare, fetcher }))).source).toBe("cache");
    expect(steps).toEqual(["prepare", "fetch"]);
    // A refresh prepares at once, then fetches.
    await g.fetch(req({ refresh: true, prepare, fetcher }));
    expect(steps).toEqual(["prepare", "fetch", "prepare", "fetch"]);
  });

  it("a refresh refused by the budget keeps the last value, labelled, though it was read alongside the budget", async () => {
    const g = gate({ userPerMinute: 7 });
    await g.fetch(req({ fetcher: async () => ({ data: "first" }) }));
    for (let i = 1; i < planWindow(7).pointsPerWindow; i++) await g.budget.acquire({ ip: "ip", account: "acc-1", user: "u1" }, "interactive");
    const r = await g.fetch(req({ refresh: true, fetcher: async () => ({ data: "second" }) }));
    expect(r).toMatchObject({ data: "first", source: "stale", staleReason: "rate_limited" });
  });

  it("a stored value is served by the next read at once (the store to Redis doesn't hold up the answer)", async () => {
    const g = gate();
    const live = await g.fetch(req({ fetcher: async () => ({ data: "v1" }) }));
    expect(live.source).toBe("live");
    const next = await g.fetch(req({ refresh: false, fetcher: async () => ({ data: "v2" }) }));
    expect(next).toMatchObject({ data: "v1", source: "cache", fetchedAt: live.fetchedAt });
  });
});
