// Cached data belongs to the key that fetched it, and sits encrypted
// in Redis. Two instances (two gates) on one Redis, two people with their own Read keys for
// one exchange account; one key is revoked at the exchange while the other keeps polling.
import { randomUUID } from "node:crypto";
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { resetEnvCache } from "@/lib/env";
import { disconnectDb } from "@/lib/db";
import { addKeyForUser } from "@/lib/keys/add-key";
import type { CurrentUser } from "@/lib/sessions/session";
import type { UpstreamGate } from "@/lib/limiter";
import { newTestUser } from "../../helpers/users";
import { dumpRedis, keyNeedles, leaksIn, looksLikeExchangeData } from "../../helpers/canary";
import {
  closeRedisClients,
  counters,
  instanceGate,
  mintKey,
  redisClient,
  revokeKey,
  installGate,
} from "./attack-helpers";
import { waitFor } from "../../helpers/wait-for";

let sim: RunningSimulator;
let read: typeof import("@/lib/reads/read");
let history: typeof import("@/lib/reads/history");
let portfolio: typeof import("@/lib/reads/valuation");
let exportRun: typeof import("@/lib/export/run");
let deleteKey: typeof import("@/lib/keys/delete-key");

beforeAll(async () => {
  sim = await startSimulator({ port: 0, controlPort: 0, seed: "key-scope" });
  Object.assign(process.env, { EXCHANGE_BASE_URL: sim.url, SIMULATOR_CONTROL_URL: sim.controlUrl, REDIS_URL: "" });
  resetEnvCache();
  read = await import("@/lib/reads/read");
  history = await import("@/lib/reads/history");
  portfolio = await import("@/lib/reads/valuation");
  exportRun = await import("@/lib/export/run");
  deleteKey = await import("@/lib/keys/delete-key");
});
afterAll(async () => {
  await sim.close();
  await disconnectDb();
  closeRedisClients();
});

async function addKey(u: CurrentUser, key: string): Promise<string> {
  const r = await addKeyForUser({ user: u, steppedUp: true }, { label: `k-${randomUUID().slice(0, 6)}`, key });
  if (!r.ok) throw new Error(r.message);
  return r.keyRowId;
}

const from = new Date(Date.now() - 90 * 86_400_000).toISOString().replace(/\.\d+Z$/, ".000Z");
const to = new Date().toISOString().replace(/\.\d+Z$/, ".000Z");

/** Every data route of a key, as the route handlers call them; each answer as text (or the error's). */
async function everyRoute(
  u: CurrentUser,
  keyRowId: string,
  orderId: string,
): Promise<Record<string, { ok: boolean; text: string; source?: string; fetchedAt?: string }>> {
  const out: Record<string, { ok: boolean; text: string; source?: string; fetchedAt?: string }> = {};
  const run = async (name: string, fn: () => Promise<unknown>) => {
    try {
      const v = (await fn()) as { source?: string; fetchedAt?: string };
      out[name] = { ok: true, text: JSON.stringify(v), source: v.source, fetchedAt: v.fetchedAt };
    } catch (err) {
      out[name] = {
        ok: false,
        text: JSON.stringify({ code: (err as { code?: string }).code, message: (err as Error).message }),
      };
    }
  };
  await run("balances", () => read.readKeyData(u, keyRowId, "balances", {}, (c, k) => c.getBalances(k)));
  await run("portfolio", () => portfolio.readValuation(u, keyRowId));
  await run("fees", () => read.readKeyData(u, keyRowId, "fees", {}, (c, k) => c.getAccountFees(k)));
  await run("orders", () => history.listOrdersPage(u, keyRowId, { status: "all", pageSize: 20 }));
  await run("order", () => read.readKeyData(u, keyRowId, "order", { orderId }, (c, k) => c.getOrder(k, orderId)));
  await run("trades", () => history.listTradesPage(u, keyRowId, { status: "all", pageSize: 20 }));
  await run("export", async () => {
    const { stream } = await exportRun.startExport(u, keyRowId, { kind: "orders", from, to, status: "all" });
    const text = await new Response(stream).text();
    return { text };
  });
  return out;
}

describe("two people, two keys on one account, one revoked; two instances on one Redis", () => {
  const prefix = `sec-${randomUUID()}`;
  let g1: UpstreamGate;
  let g2: UpstreamGate;
  let alice: CurrentUser;
  let bob: CurrentUser;
  let aliceKey: string;
  let bobKey: string;
  let secrets: string[];
  let orderId: string;

  beforeAll(async () => {
    [g1, g2] = [await instanceGate(prefix), await instanceGate(prefix)];
    [alice, bob] = [await newTestUser("alice"), await newTestUser("bob")];
    const account = `shared-${randomUUID().slice(0, 8)}`;
    const [ka, kb] = [await mintKey(sim, "demo-small"), await mintKey(sim, "demo-small")];
    void account;
    secrets = [ka.key, kb.key];
    installGate(g1);
    aliceKey = await addKey(alice, ka.key);
    bobKey = await addKey(bob, kb.key);
    // A dashboard-like run for both, on both instances: everything is cached.
    const first = await history.listOrdersPage(alice, aliceKey, { status: "all", pageSize: 20 });
    orderId = first.items[0]!.order.order_id;
    await everyRoute(alice, aliceKey, orderId);
    installGate(g2);
    await everyRoute(bob, bobKey, orderId);
    await revokeKey(sim, kb.jti);
  });
  afterAll(() => {
    g1.close();
    g2.close();
  });

  it("from its next request, the revoked key's holder receives 0 bytes of the other key's data on every route", async () => {
    const revokedAt = Date.now();
    // Every reading from here on is stamped later than revokedAt (the stamps are milliseconds).
    await waitFor("the clock to pass the revocation", () => Date.now() > revokedAt);
    // Bob's next request notices the revocation (instance 2).
    installGate(g2);
    await read
      .readKeyData(bob, bobKey, "balances", {}, (c, k) => c.getBalances(k), { refresh: true })
      .catch(() => undefined);
    // New money arrives; Alice keeps polling on instance 1 and sees it.
    await fetch(`${sim.controlUrl}/accounts/demo-small/deposit`, {
      method: "POST",
      body: JSON.stringify({ currency: "EUR", amount: "4242.42" }),
    });
    const markers: string[] = [];
    let foreignBytes = 0;
    const routes: string[] = [];
    const notStale: string[] = [];
    for (let round = 0; round < 3; round++) {
      installGate(g1);
      const a = await read.readKeyData(alice, aliceKey, "balances", {}, (c, k) => c.getBalances(k), { refresh: true });
      const eur = (
        a.data as { balances: { currency_code: string; available: string; change: string }[] }
      ).balances.find((b) => b.currency_code === "EUR")!;
      expect(eur.change).toBe("4242.42");
      markers.push(eur.available);
      const aliceNow = await everyRoute(alice, aliceKey, orderId);
      const aliceFetched = new Set(
        Object.values(aliceNow)
          .map((r) => r.fetchedAt)
          .filter(Boolean),
      );
      for (const g of [g1, g2]) {
        installGate(g);
        const bobNow = await everyRoute(bob, bobKey, orderId);
        for (const [name, r] of Object.entries(bobNow)) {
          routes.push(name);
          const foreign =
            markers.some((m) => r.text.includes(m)) ||
            (r.ok &&
              (r.source === "live" ||
                r.source === "cache" ||
                (r.fetchedAt !== undefined && (aliceFetched.has(r.fetchedAt) || Date.parse(r.fetchedAt) > revokedAt))));
          if (foreign) foreignBytes += r.text.length;
          if (r.ok && name !== "export" && r.source !== "stale") notStale.push(`${name}: ${r.source}`);
        }
      }
    }
    console.log(
      `revoked key's holder: ${routes.length} reads on ${new Set(routes).size} routes, ${foreignBytes} bytes of the other key's data; not stale: ${notStale.length}`,
    );
    expect(foreignBytes).toBe(0);
    expect(notStale).toEqual([]);
  });

  it("Redis holds no plaintext exchange data and no key material; every cached value is sealed", async () => {
    const r = await redisClient();
    const all = await dumpRedis(r, `${prefix}:`);
    const values = all.filter((e) => e.key.includes(":cache:") && !e.key.includes(":cache:lock:"));
    console.log(
      `Redis after the run: ${all.length} keys, ${values.length} cached values, ${values.filter((v) => v.value && looksLikeExchangeData(v.value)).length} in plaintext`,
    );
    expect(values.length).toBeGreaterThan(5);
    for (const v of values) {
      expect(v.value).toMatch(/^c1\.v1\.[A-Za-z0-9_-]+$/);
      expect(looksLikeExchangeData(v.value!)).toBe(false);
    }
    expect(
      leaksIn(
        [
          ["Redis keys", all.map((e) => e.key)],
          ["Redis values", all.map((e) => e.value ?? "")],
        ],
        keyNeedles(secrets),
      ),
    ).toEqual([]);
  });

  it("deleting a key purges its entries in Redis and in every instance's memory", async () => {
    installGate(g1);
    await everyRoute(alice, aliceKey, orderId);
    installGate(g2);
    await read.readKeyData(alice, aliceKey, "balances", {}, (c, k) => c.getBalances(k));
    expect(g1.cache.localCount(aliceKey)).toBeGreaterThan(0);
    expect(g2.cache.localCount(aliceKey)).toBeGreaterThan(0);
    const r = await redisClient();
    expect((await dumpRedis(r, `${prefix}:cache:${aliceKey}|`)).length).toBeGreaterThan(0);
    installGate(g1);
    const label = (await (await import("@/lib/db")).db.apiKey.findUniqueOrThrow({ where: { id: aliceKey } })).label;
    expect(await deleteKey.deleteKeyForOwner(alice, aliceKey, label)).toMatchObject({ ok: true });
    // The purge reaches the other instance by pub/sub: wait for its memory to empty.
    await waitFor("instance 2 to purge the deleted key", () => g2.cache.localCount(aliceKey) === 0);
    const left = await dumpRedis(r, `${prefix}:cache:${aliceKey}|`);
    console.log(
      `after delete: ${left.length} Redis entries, instance 1 memory ${g1.cache.localCount(aliceKey)}, instance 2 memory ${g2.cache.localCount(aliceKey)}`,
    );
    expect(left).toEqual([]);
    expect(g1.cache.localCount(aliceKey)).toBe(0);
    expect(g2.cache.localCount(aliceKey)).toBe(0);
  });

  it("nothing above cost an upstream 429", async () => {
    expect((await counters(sim)).sent429.total).toBe(0);
  });
});
