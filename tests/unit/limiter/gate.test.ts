import { createUpstreamGate, BudgetExceededError, type FetchRequest } from "@/lib/limiter";
import { PACE_BURST } from "@/lib/limiter/fair-share";
import { waitFor } from "../../helpers/wait-for";

const classifyNone = () => null;
let n = 0;
function gate(opts: Partial<Parameters<typeof createUpstreamGate>[0]> = {}) {
  return createUpstreamGate({
    ipPerMinute: 220,
    accountPerMinute: 180,
    instanceCount: 1,
    keyPrefix: `t${n++}`,
    maxWaitMs: { interactive: 0, background: 0 },
    ...opts,
  });
}
function req<T>(over: Partial<FetchRequest<T>> & { fetcher: FetchRequest<T>["fetcher"] }): FetchRequest<T> {
  // Each test "account" reads with a key of its own (cache and coalescing are per key).
  return {
    accountId: "acc-1",
    endpoint: "balances",
    userId: "u1",
    egressIp: "ip",
    priority: "interactive",
    classify: classifyNone,
    refresh: true,
    ...over,
    keyId: over.keyId !== undefined ? over.keyId : `key-${over.accountId ?? "acc-1"}`,
  };
}

describe("budget edges", () => {
  it("allows exactly the account's ceiling in a minute, then refuses with a retry time", async () => {
    const g = gate({ ipPerMinute: 240, accountPerMinute: 180 });
    let ok = 0;
    let refused: unknown;
    for (let i = 0; i < 181; i++) {
      try {
        await g.budget.acquire({ ip: "ip", account: "a", user: `u${i}` }, "interactive");
        ok++;
      } catch (err) {
        refused = err;
      }
    }
    expect(ok).toBe(180);
    expect(refused).toBeInstanceOf(BudgetExceededError);
    expect((refused as BudgetExceededError).layer).toBe("account");
    expect((refused as BudgetExceededError).retryAfterMs).toBeGreaterThan(0);
  });

  it("a take is all layers or none: a refusing IP leaves the account and user untouched", async () => {
    const g = gate({ ipPerMinute: 5, accountPerMinute: 180 });
    for (let i = 0; i < 5; i++) await g.budget.acquire({ ip: "ip", account: "a", user: "u" }, "interactive");
    await expect(g.budget.acquire({ ip: "ip", account: "b", user: "v" }, "interactive")).rejects.toMatchObject({
      layer: "ip",
    });
    expect(await g.budget.used("account", "b")).toBe(0);
    expect(await g.budget.used("user", "v")).toBe(0);
  });

  it("the minute rolls: once the oldest call is a minute old, requests are allowed again", async () => {
    jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
    try {
      const g = gate({ ipPerMinute: 240, accountPerMinute: 180, maxWaitMs: { interactive: 61_000, background: 0 } });
      for (let i = 0; i < 180; i++) await g.budget.acquire({ ip: "ip", account: "roll", user: `u${i}` }, "interactive");
      let done = false;
      void g.budget.acquire({ ip: "ip", account: "roll", user: "late" }, "interactive").then(() => (done = true));
      await jest.advanceTimersByTimeAsync(59_000);
      expect(done).toBe(false);
      await jest.advanceTimersByTimeAsync(1_100);
      expect(done).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe("fairness and priority", () => {
  it("a user alone gets the whole account budget (no fixed per-user cap)", async () => {
    const g = gate({ accountPerMinute: 180 });
    let got = 0;
    for (let i = 0; i < 200; i++)
      await g.budget
        .acquire({ ip: "ip", account: "solo", user: "alone" }, "interactive")
        .then(() => got++)
        .catch(() => undefined);
    expect(got).toBe(180);
  });

  it("background work is paced (one call per 1/180 of a minute, a couple ahead at most), people are not", async () => {
    const g = gate({ ipPerMinute: 240, accountPerMinute: 180 });
    let bg = 0;
    let refused: unknown;
    for (let i = 0; i < 10; i++)
      await g.budget
        .acquire({ ip: "ip", account: "mixed", user: "export" }, "background")
        .then(() => bg++)
        .catch((e: unknown) => (refused = e));
    expect(bg).toBe(1 + PACE_BURST);
    expect((refused as BudgetExceededError).retryAfterMs).toBeLessThanOrEqual(Math.ceil(60_000 / 180));
    let people = 0;
    for (let i = 0; i < 20; i++)
      await g.budget
        .acquire({ ip: "ip", account: "mixed", user: `i${i}` }, "interactive")
        .then(() => people++)
        .catch(() => undefined);
    expect(people).toBe(20);
  });

  it("queued background work waits while people are waiting, when it had a call lately", async () => {
    const g = gate({
      ipPerMinute: 240,
      accountPerMinute: 180,
      maxWaitMs: { interactive: 70_000, background: 70_000 },
    });
    jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
    try {
      for (let i = 0; i < 170; i++) await g.budget.acquire({ ip: "ip", account: "q", user: `f${i}` }, "interactive");
      await jest.advanceTimersByTimeAsync(59_000);
      // The export's last call was a second before the minute frees up: it is not owed one yet.
      await g.budget.acquire({ ip: "ip", account: "q", user: "export" }, "background");
      for (let i = 0; i < 9; i++) await g.budget.acquire({ ip: "ip", account: "q", user: `l${i}` }, "interactive");
      const order: string[] = [];
      const people = Array.from({ length: 3 }, (_, i) =>
        g.budget
          .acquire({ ip: "ip", account: "q", user: `p${i}` }, "interactive", { maxWaitMs: 70_000 })
          .then(() => order.push("interactive")),
      );
      const bg = g.budget
        .acquire({ ip: "ip", account: "q", user: "export" }, "background", { maxWaitMs: 70_000 })
        .then(() => order.push("background"));
      await jest.advanceTimersByTimeAsync(4_000);
      await Promise.all([...people, bg]);
      expect(order.indexOf("background")).toBe(3);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe("cache, coalescing and stale data", () => {
  it("an export's history page (background) is not kept; a person's is", async () => {
    const g = gate();
    const fetcher = async () => ({ data: { order_history: [] } });
    const read = (priority: "interactive" | "background", cursor: string) =>
      g.fetch(req({ fetcher, endpoint: "orders", priority, refresh: false, params: { cursor } }));
    await read("background", "page-2");
    expect(g.cache.localCount("key-acc-1")).toBe(0);
    await read("interactive", "page-1");
    expect(g.cache.localCount("key-acc-1")).toBe(1);
    // Balances read in the background (a snapshot) are kept as before.
    await g.fetch(req({ fetcher, priority: "background", refresh: false }));
    expect(g.cache.localCount("key-acc-1")).toBe(2);
  });

  it("50 concurrent identical reads share one upstream call", async () => {
    const g = gate();
    let calls = 0;
    // The one upstream call is held until every reader has asked (no timer: the test lets it go).
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const fetcher = async () => {
      calls++;
      await held;
      return { data: { v: 1 } };
    };
    const all = Promise.all(
      Array.from({ length: 50 }, (_, i) => g.fetch(req({ fetcher, userId: `u${i}`, refresh: false }))),
    );
    await waitFor("the upstream call", () => calls === 1);
    release();
    const results = await all;
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
    const g = gate({ ipPerMinute: 240, accountPerMinute: 180 });
    await g.fetch(req({ fetcher: async () => ({ data: "old" }) }));
    const p = 180;
    for (let i = 1; i < p; i++) await g.budget.acquire({ ip: "ip", account: "acc-1", user: `x${i}` }, "interactive");
    const r = await g.fetch(req({ fetcher: async () => ({ data: "new" }) }));
    expect(r).toMatchObject({ data: "old", source: "stale", staleReason: "rate_limited" });
    expect(r.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("with data on hand, a viewer waits only briefly for budget; with nothing to show, the full wait", async () => {
    // Fake clock: the account's minute cannot roll over unless the test moves time.
    jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
    try {
      const g = gate({
        ipPerMinute: 240,
        accountPerMinute: 180,
        maxWaitMs: { interactive: 61_000, background: 0 },
      });
      await g.fetch(req({ accountId: "acc-w", fetcher: async () => ({ data: "old" }) }));
      const p = 180;
      for (let i = 1; i < p; i++) await g.budget.acquire({ ip: "ip", account: "acc-w", user: `x${i}` }, "interactive");
      let settled: unknown;
      void g.fetch(req({ accountId: "acc-w", fetcher: async () => ({ data: "new" }) })).then((r) => (settled = r));
      await jest.advanceTimersByTimeAsync(300);
      expect(settled).toMatchObject({ data: "old", source: "stale", staleReason: "rate_limited" });
      // Another endpoint of the same account has nothing cached: it waits for the next window.
      let fees: unknown;
      void g.fetch(req({ accountId: "acc-w", endpoint: "fees", fetcher: async () => ({ data: "fees" }) })).then(
        (r) => (fees = r),
        (e: unknown) => (fees = e),
      );
      await jest.advanceTimersByTimeAsync(300);
      expect(fees).toBeUndefined();
      await jest.advanceTimersByTimeAsync(60_000);
      expect(fees).toMatchObject({ data: "fees", source: "live" });
    } finally {
      jest.useRealTimers();
    }
  });

  it("while pacing delays a retry after a failure, the stale label names the failure, not the pacing", async () => {
    const g = gate({ ipPerMinute: 240, accountPerMinute: 180 });
    const boom = new Error("502");
    const classify = (e: unknown) => (e === boom ? { staleReason: "upstream_error" as const, serveStale: true } : null);
    await g.fetch(req({ accountId: "acc-f", fetcher: async () => ({ data: "old" }) }));
    expect(
      await g.fetch(
        req({
          accountId: "acc-f",
          classify,
          fetcher: async () => {
            throw boom;
          },
        }),
      ),
    ).toMatchObject({ source: "stale", staleReason: "upstream_error" });
    const p = 180;
    for (let i = 2; i < p; i++) await g.budget.acquire({ ip: "ip", account: "acc-f", user: `x${i}` }, "interactive");
    // The budget refuses this one; the data is still old because the exchange failed.
    expect(await g.fetch(req({ accountId: "acc-f", classify, fetcher: async () => ({ data: "new" }) }))).toMatchObject({
      data: "old",
      source: "stale",
      staleReason: "upstream_error",
    });
    // Another read of the account that never failed is plainly paced.
    await g.cache.set("key-acc-f|fees|", { data: "fees", fetchedAt: Date.now() - 120_000 }, 86_400_000);
    expect(
      await g.fetch(req({ accountId: "acc-f", endpoint: "fees", fetcher: async () => ({ data: "x" }) })),
    ).toMatchObject({ source: "stale", staleReason: "rate_limited" });
  });

  it("during an exchange outage, a paced read that never reached the exchange is labelled with the outage", async () => {
    // Five keys read balances; only one of them reaches the failing exchange before the budget is spent.
    const g = gate({ ipPerMinute: 240, accountPerMinute: 180 });
    const boom = new Error("503");
    const classify = (e: unknown) => (e === boom ? { staleReason: "upstream_error" as const, serveStale: true } : null);
    const keys = ["k1", "k2", "k3", "k4", "k5"];
    for (const keyId of keys) await g.fetch(req({ keyId, accountId: "acc-o", fetcher: async () => ({ data: keyId }) }));
    // A key of another account on the same server, read before the outage too.
    await g.fetch(req({ keyId: "other", accountId: "acc-p", fetcher: async () => ({ data: "other" }) }));
    const fail = async () => {
      throw boom;
    };
    expect(await g.fetch(req({ keyId: "k1", accountId: "acc-o", classify, fetcher: fail }))).toMatchObject({
      staleReason: "upstream_error",
    });
    const used = await g.budget.used("account", "acc-o");
    for (let i = used; i < 180; i++)
      await g.budget.acquire({ ip: "ip", account: "acc-o", user: `x${i}` }, "interactive");
    for (const keyId of keys.slice(1))
      expect(await g.fetch(req({ keyId, accountId: "acc-o", classify, fetcher: fail }))).toMatchObject({
        data: keyId,
        source: "stale",
        staleReason: "upstream_error",
      });
    // The server's other account is paced too (the IP layer): the exchange failed this endpoint for this server.
    const ipUsed = await g.budget.used("ip", "ip");
    for (let i = ipUsed; i < 240; i++)
      await g.budget.acquire({ ip: "ip", account: `spare${i}`, user: `y${i}` }, "interactive");
    expect(await g.fetch(req({ keyId: "other", accountId: "acc-p", classify, fetcher: fail }))).toMatchObject({
      data: "other",
      staleReason: "upstream_error",
    });
  });

  it("a success clears the outage label: later paced reads are plainly paced", async () => {
    const g = gate({ ipPerMinute: 240, accountPerMinute: 180 });
    const boom = new Error("503");
    const classify = (e: unknown) => (e === boom ? { staleReason: "upstream_error" as const, serveStale: true } : null);
    for (const keyId of ["a", "b"])
      await g.fetch(req({ keyId, accountId: "acc-s", fetcher: async () => ({ data: keyId }) }));
    await g.fetch(
      req({
        keyId: "a",
        accountId: "acc-s",
        classify,
        fetcher: async () => {
          throw boom;
        },
      }),
    );
    // The exchange answers again.
    await g.fetch(req({ keyId: "a", accountId: "acc-s", fetcher: async () => ({ data: "a2" }) }));
    const used = await g.budget.used("account", "acc-s");
    for (let i = used; i < 180; i++)
      await g.budget.acquire({ ip: "ip", account: "acc-s", user: `x${i}` }, "interactive");
    expect(await g.fetch(req({ keyId: "b", accountId: "acc-s", fetcher: async () => ({ data: "b2" }) }))).toMatchObject(
      {
        data: "b",
        staleReason: "rate_limited",
      },
    );
  });

  it("a refused key's failure stays its own: other keys of the account are plainly paced", async () => {
    const g = gate({ ipPerMinute: 240, accountPerMinute: 180 });
    const revoked = new Error("revoked");
    const classify = (e: unknown) => (e === revoked ? { staleReason: "key_revoked" as const, serveStale: true } : null);
    for (const keyId of ["r", "s"])
      await g.fetch(req({ keyId, accountId: "acc-r", fetcher: async () => ({ data: keyId }) }));
    await g.fetch(
      req({
        keyId: "r",
        accountId: "acc-r",
        classify,
        fetcher: async () => {
          throw revoked;
        },
      }),
    );
    const used = await g.budget.used("account", "acc-r");
    for (let i = used; i < 180; i++)
      await g.budget.acquire({ ip: "ip", account: "acc-r", user: `x${i}` }, "interactive");
    expect(await g.fetch(req({ keyId: "s", accountId: "acc-r", fetcher: async () => ({ data: "s2" }) }))).toMatchObject(
      {
        data: "s",
        staleReason: "rate_limited",
      },
    );
  });

  it("throws when the budget is spent and nothing is cached", async () => {
    const g = gate({ accountPerMinute: 7 });
    const p = 7;
    for (let i = 0; i < p; i++) await g.budget.acquire({ ip: "ip", account: "acc-1", user: `x${i}` }, "interactive");
    await expect(g.fetch(req({ fetcher: async () => ({ data: 1 }) }))).rejects.toBeInstanceOf(BudgetExceededError);
  });

  it("an upstream 429 cools the account down: stale data with a reason, no further upstream calls", async () => {
    const g = gate();
    await g.fetch(req({ fetcher: async () => ({ data: "cached" }) }));
    let calls = 0;
    const boom = new Error("429");
    const classify = (e: unknown) =>
      e === boom
        ? { staleReason: "rate_limited" as const, serveStale: true, cooldown: { kind: "account" as const, ms: 60_000 } }
        : null;
    const first = await g.fetch(
      req({
        fetcher: async () => {
          calls++;
          throw boom;
        },
        classify,
      }),
    );
    expect(first).toMatchObject({ data: "cached", source: "stale", staleReason: "rate_limited" });
    const second = await g.fetch(
      req({
        fetcher: async () => {
          calls++;
          return { data: "x" };
        },
        classify,
      }),
    );
    expect(second).toMatchObject({ source: "stale", staleReason: "account_cooldown" });
    expect(calls).toBe(1);
    // Another account is not affected.
    expect((await g.fetch(req({ accountId: "acc-2", fetcher: async () => ({ data: "ok" }) }))).source).toBe("live");
  });

  it("an IP block stops every account", async () => {
    const g = gate();
    await g.cooldowns.set("ip", "ip", 3_600_000);
    await expect(g.fetch(req({ accountId: "any", fetcher: async () => ({ data: 1 }) }))).rejects.toMatchObject({
      reason: "ip_blocked",
    });
  });

  it("errors the classifier doesn't excuse are thrown, not hidden", async () => {
    const g = gate();
    await g.fetch(req({ fetcher: async () => ({ data: "cached" }) }));
    const bad = new Error("bad request");
    await expect(
      g.fetch(
        req({
          fetcher: async () => {
            throw bad;
          },
        }),
      ),
    ).rejects.toBe(bad);
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
    const g = gate({ accountPerMinute: 7 });
    await g.fetch(req({ fetcher: async () => ({ data: "first" }) }));
    for (let i = 1; i < 7; i++) await g.budget.acquire({ ip: "ip", account: "acc-1", user: "u1" }, "interactive");
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
