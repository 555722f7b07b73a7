// Cached data and coalescing belong to the key that fetched it; a refused key reads
// only its own pre-failure answer; key checks and one-off calls pass the same budget.
import {
  createUpstreamGate,
  BudgetExceededError,
  KeyFailedError,
  type FetchRequest,
  type UpstreamFailure,
} from "@/lib/limiter";
import { waitFor } from "../../helpers/wait-for";

let n = 0;
function gate(opts: Partial<Parameters<typeof createUpstreamGate>[0]> = {}) {
  return createUpstreamGate({
    ipPerMinute: 220,
    accountPerMinute: 180,
    instanceCount: 1,
    keyPrefix: `ks${n++}`,
    maxWaitMs: { interactive: 0, background: 0 },
    ...opts,
  });
}
function req<T>(
  keyId: string,
  over: Partial<FetchRequest<T>> & { fetcher: FetchRequest<T>["fetcher"] },
): FetchRequest<T> {
  return {
    keyId,
    accountId: "shared-account",
    endpoint: "balances",
    userId: `user-of-${keyId}`,
    egressIp: "ip",
    priority: "interactive",
    classify: () => null,
    ...over,
  };
}
const revoked = new Error("APIKEY_REVOKED");
const classifyRevoked = (e: unknown): UpstreamFailure | null =>
  e === revoked ? { staleReason: "key_revoked", serveStale: true, keyFailure: { code: "APIKEY_REVOKED" } } : null;

it("two keys on one account: each key's answer is served only to its own readers", async () => {
  const g = gate();
  expect((await g.fetch(req("key-a", { fetcher: async () => ({ data: "fetched with A" }) }))).data).toBe(
    "fetched with A",
  );
  let bCalls = 0;
  const b = await g.fetch(
    req("key-b", {
      fetcher: async () => {
        bCalls++;
        return { data: "fetched with B" };
      },
    }),
  );
  expect(b).toMatchObject({ data: "fetched with B", source: "live" });
  expect(bCalls).toBe(1);
});

it("coalescing is per key: readers of one key share one call, another key makes its own", async () => {
  const g = gate();
  const calls: Record<string, number> = { a: 0, b: 0 };
  // Each key's upstream call is held until both have started (no timer: the test lets them go).
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const slow = (k: "a" | "b") => async () => {
    calls[k]!++;
    await held;
    return { data: k };
  };
  const all = Promise.all([
    ...Array.from({ length: 10 }, () => g.fetch(req("key-a", { fetcher: slow("a") }))),
    g.fetch(req("key-b", { fetcher: slow("b") })),
  ]);
  await waitFor("both keys' upstream calls", () => calls.a === 1 && calls.b === 1);
  release();
  const got = await all;
  expect(calls).toEqual({ a: 1, b: 1 });
  expect(got.at(-1)!.data).toBe("b");
});

it("a key refused by the exchange gets only its own answer from before the failure, labelled, and no more upstream calls", async () => {
  const g = gate();
  await g.fetch(req("key-b", { fetcher: async () => ({ data: "B before" }) }));
  const first = await g.fetch(
    req("key-b", {
      refresh: true,
      classify: classifyRevoked,
      fetcher: async () => {
        throw revoked;
      },
    }),
  );
  expect(first).toMatchObject({ data: "B before", source: "stale", staleReason: "key_revoked" });
  // Key A (same account) keeps reading fresh data; B never sees it and never calls upstream.
  await g.fetch(req("key-a", { refresh: true, fetcher: async () => ({ data: "A after" }) }));
  let calls = 0;
  for (const refresh of [false, true]) {
    expect(
      await g.fetch(
        req("key-b", {
          refresh,
          fetcher: async () => {
            calls++;
            return { data: "x" };
          },
        }),
      ),
    ).toMatchObject({ data: "B before", source: "stale", staleReason: "key_revoked" });
  }
  expect(calls).toBe(0);
  // Nothing of its own for another endpoint: the failure itself.
  await expect(
    g.fetch(req("key-b", { endpoint: "fees", fetcher: async () => ({ data: "x" }) })),
  ).rejects.toBeInstanceOf(KeyFailedError);
});

it("a key's stored status (set by another instance or before a restart) is honoured without an upstream call", async () => {
  const g = gate();
  let calls = 0;
  await expect(
    g.fetch(
      req("key-c", {
        knownFailure: { reason: "key_rejected", code: "INVALID_IP_RESTRICTION", at: Date.now() },
        fetcher: async () => {
          calls++;
          return { data: 1 };
        },
      }),
    ),
  ).rejects.toMatchObject({ failure: { code: "INVALID_IP_RESTRICTION" } });
  expect(calls).toBe(0);
});

it("a successful check of the key (Check again) clears its failure", async () => {
  const g = gate();
  await g
    .fetch(
      req("key-d", {
        classify: classifyRevoked,
        fetcher: async () => {
          throw revoked;
        },
      }),
    )
    .catch(() => undefined);
  expect(g.keys.states.get("key-d")).toMatchObject({ code: "APIKEY_REVOKED" });
  await g.call({
    purpose: "key_check",
    keyId: "key-d",
    accountId: null,
    userId: "u",
    egressIp: "ip",
    priority: "interactive",
    fn: async () => "ok",
    classify: () => null,
  });
  expect(g.keys.states.get("key-d")).toBeUndefined();
});

it("a key never accepted by the exchange (no account id) cannot cool down or spend the account it claims", async () => {
  const g = gate();
  const rl = new Error("429");
  const classify = (e: unknown): UpstreamFailure | null =>
    e === rl ? { staleReason: "rate_limited", serveStale: true, cooldown: { kind: "account", ms: 60_000 } } : null;
  await expect(
    g.fetch(
      req("key-new", {
        accountId: null,
        classify,
        fetcher: async () => {
          throw rl;
        },
      }),
    ),
  ).rejects.toBe(rl);
  await expect(
    g.call({
      purpose: "key_check",
      keyId: null,
      accountId: null,
      userId: "u",
      egressIp: "ip",
      priority: "interactive",
      fn: async () => {
        throw rl;
      },
      classify,
    }),
  ).rejects.toBe(rl);
  expect(await g.cooldowns.check("ip", "shared-account")).toBeNull();
  expect(await g.budget.used("account", "shared-account")).toBe(0);
  expect(await g.budget.used("ip", "ip")).toBe(2);
});

it("key checks: each takes the IP budget and one of the user's checks; past the ceiling, refused without an exchange call", async () => {
  const g = gate({ keyChecksPerMinute: 3 });
  let calls = 0;
  const check = () =>
    g.call({
      purpose: "key_check",
      keyId: null,
      accountId: null,
      userId: "checker",
      egressIp: "ip",
      priority: "interactive",
      fn: async () => {
        calls++;
        return 1;
      },
      classify: () => null,
    });
  for (let i = 0; i < 3; i++) await check();
  await expect(check()).rejects.toMatchObject({ reason: "key_checks" });
  await expect(check()).rejects.toBeInstanceOf(BudgetExceededError);
  expect(calls).toBe(3);
  expect(await g.budget.used("ip", "ip")).toBe(3);
  expect(g.upstreamCalls).toBe(3);
  // The health probe is not a key check: it passes the budget alone.
  await g.call({
    purpose: "health",
    keyId: null,
    accountId: null,
    userId: null,
    egressIp: "ip",
    priority: "background",
    fn: async () => {
      calls++;
      return 1;
    },
    classify: () => null,
  });
  expect(calls).toBe(4);
});

it("an IP block stops key checks and health probes too", async () => {
  const g = gate();
  await g.cooldowns.set("ip", "ip", 3_600_000);
  await expect(
    g.call({
      purpose: "health",
      keyId: null,
      accountId: null,
      userId: null,
      egressIp: "ip",
      priority: "background",
      fn: async () => 1,
      classify: () => null,
    }),
  ).rejects.toMatchObject({ reason: "ip_blocked" });
});

it("stale data is kept only as long as the stale maximum", async () => {
  jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate", "queueMicrotask"] });
  try {
    const g = gate({ staleMaxMs: 60_000 });
    await g.fetch(req("key-s", { fetcher: async () => ({ data: "old" }) }));
    jest.advanceTimersByTime(59_000);
    expect(await g.cache.get("key-s|balances|")).toMatchObject({ data: "old" });
    jest.advanceTimersByTime(2_000);
    expect(await g.cache.get("key-s|balances|")).toBeNull();
  } finally {
    jest.useRealTimers();
  }
});

it("purging a key drops only that key's entries", async () => {
  const g = gate();
  await g.fetch(req("key-x", { fetcher: async () => ({ data: 1 }) }));
  await g.fetch(req("key-y", { fetcher: async () => ({ data: 2 }) }));
  await g.keys.purge("key-x");
  expect(g.cache.localCount("key-x")).toBe(0);
  expect(g.cache.localCount("key-y")).toBe(1);
});
