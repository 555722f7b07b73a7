// The proxy read path against the simulator over HTTP: coalescing, cool-downs with stale
// data, typed errors for upstream garbage, key status, authorization, and no writes ever.
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { resetEnvCache } from "@/lib/env";
import { disconnectDb, db } from "@/lib/db";
import { addKeyForUser } from "@/lib/keys/add-key";
import type { CurrentUser } from "@/lib/sessions/session";
import type { Balances } from "@/lib/exchange/schemas";
import { newTestUser } from "../../helpers/users";
import { SkippingClock, installClock } from "../../helpers/clock";

const clock = installClock(new SkippingClock());

let sim: RunningSimulator;
let readKeyData: typeof import("@/lib/reads/read").readKeyData;
let listOrdersPage: typeof import("@/lib/reads/history").listOrdersPage;
let owner: CurrentUser;

const user = () => newTestUser("proxy");
async function addDemo(u: CurrentUser, name: string) {
  const r = await addKeyForUser(
    { user: u, steppedUp: true },
    { label: name, key: sim.demoKeys[name]!.key, confirmation: "WITHDRAW", confirmTrade: "yes" },
  );
  if (!r.ok) throw new Error(r.message);
  return r.keyRowId;
}
async function counters() {
  return (await (await fetch(`${sim.controlUrl}/counters`)).json()) as {
    byAccountMethod: Record<string, Record<string, number>>;
    byMethod: Record<string, number>;
    maxPerAccount: number;
    sent429: { total: number };
  };
}
const gets = async (name: string) => (await counters()).byAccountMethod[sim.demoKeys[name]!.accountId]?.GET ?? 0;
const fault = (body: object) => fetch(`${sim.controlUrl}/faults`, { method: "POST", body: JSON.stringify(body) });
const balances = (u: CurrentUser, id: string, refresh = true) =>
  readKeyData<Balances>(u, id, "balances", {}, (c, k) => c.getBalances(k), { refresh });

beforeAll(async () => {
  sim = await startSimulator({ port: 0, controlPort: 0, seed: "proxy", warm: ["demo-busy"] });
  Object.assign(process.env, {
    EXCHANGE_BASE_URL: sim.url,
    SIMULATOR_CONTROL_URL: sim.controlUrl,
    // Long enough for any healthy call on a busy machine; the latency fault below holds its
    // answer far longer, so only that call can time out.
    EXCHANGE_TIMEOUT_MS: "3000",
    REDIS_URL: "",
  });
  resetEnvCache();
  ({ readKeyData } = await import("@/lib/reads/read"));
  ({ listOrdersPage } = await import("@/lib/reads/history"));
  owner = await user();
});
afterEach(async () => {
  await fetch(`${sim.controlUrl}/faults`, { method: "DELETE" });
});
afterAll(async () => {
  await sim.close();
  await disconnectDb();
});

it("50 viewers asking at once cause one upstream call", async () => {
  const id = await addDemo(owner, "demo-small");
  const before = await gets("demo-small");
  const results = await Promise.all(Array.from({ length: 50 }, () => balances(owner, id, false)));
  expect((await gets("demo-small")) - before).toBe(1);
  expect(new Set(results.map((r) => r.fetchedAt)).size).toBe(1);
  expect(results[0]!.data.balances.length).toBeGreaterThan(0);
});

it("an upstream 429 cools the account down: stale data with its reason, and no calls until it ends", async () => {
  const id = await addDemo(owner, "demo-read");
  const fresh = await balances(owner, id);
  expect(fresh.source).toBe("live");
  await fault({ kind: "ratelimit", account: "demo-read", count: 1 });
  const limited = await balances(owner, id);
  expect(limited).toMatchObject({ source: "stale", staleReason: "rate_limited", fetchedAt: fresh.fetchedAt });
  const calls = await gets("demo-read");
  const again = await balances(owner, id);
  expect(again).toMatchObject({ source: "stale", staleReason: "account_cooldown" });
  expect(await gets("demo-read")).toBe(calls);
});

it("upstream 5xx, malformed JSON, resets and timeouts give typed errors when nothing is cached, stale data when it is", async () => {
  const u = await user();
  const id = await addDemo(u, "demo-trade");
  await fault({ kind: "error5xx", status: 503, account: "demo-trade", count: 1 });
  await expect(balances(u, id)).rejects.toMatchObject({ code: "upstream_unavailable", reason: "SERVICE_UNAVAILABLE" });
  await fault({ kind: "malformed", pathPrefix: "/account/balances", count: 1 });
  await expect(balances(u, id)).rejects.toMatchObject({
    code: "upstream_unavailable",
    reason: "upstream_bad_response",
    messageKey: "exchange.badResponse",
  });
  await fault({ kind: "reset", pathPrefix: "/account/balances", count: 1 });
  await expect(balances(u, id)).rejects.toMatchObject({ reason: "upstream_unreachable" });
  await fault({ kind: "latency", latencyMs: 20_000, pathPrefix: "/account/balances", count: 1 });
  await expect(balances(u, id)).rejects.toMatchObject({ reason: "upstream_timeout" });
  const ok = await balances(u, id);
  expect(ok.source).toBe("live");
  // The user's budget (3 calls a second at 200/min) now also counts the add-key live check: the
  // clock rolls its window, so this read goes upstream instead of being paced.
  clock.skip(1_100);
  await fault({ kind: "error5xx", status: 500, pathPrefix: "/account/balances", count: 1 });
  expect(await balances(u, id)).toMatchObject({ source: "stale", staleReason: "upstream_error" });
});

it("a key revoked at the exchange turns revoked, and the last data is served labelled key_revoked", async () => {
  const u = await user();
  await fetch(`${sim.controlUrl}/accounts/demo-busy/balances`); // generate its 50,000-order history first
  const id = await addDemo(u, "demo-busy");
  await balances(u, id);
  await fetch(`${sim.controlUrl}/keys/revoke`, {
    method: "POST",
    body: JSON.stringify({ jti: sim.demoKeys["demo-busy"]!.jti }),
  });
  expect(await balances(u, id)).toMatchObject({ source: "stale", staleReason: "key_revoked" });
  expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).status).toBe("revoked");
  await expect(listOrdersPage(u, id, { status: "all", pageSize: 10 })).rejects.toMatchObject({
    code: "upstream_error",
    reason: "APIKEY_REVOKED",
  });
});

it("strangers get not_found for every read of a key they cannot see", async () => {
  const stranger = await user();
  const id = (await db.apiKey.findFirstOrThrow({ where: { ownerId: owner.id } })).id;
  await expect(balances(stranger, id)).rejects.toMatchObject({ code: "not_found" });
  await expect(listOrdersPage(stranger, id, { status: "all", pageSize: 10 })).rejects.toMatchObject({
    code: "not_found",
  });
});

it("order history longer than 100 days is walked window by window", async () => {
  const u = await user();
  // demo-all has ~300 orders over two years: several per 100-day window, quick to walk.
  const id = await addKeyForUser(
    { user: u, steppedUp: false },
    {
      label: "all-read",
      key: (
        (await (
          await fetch(`${sim.controlUrl}/keys`, {
            method: "POST",
            body: JSON.stringify({ scopes: ["READ_ONLY"], account: "demo-all" }),
          })
        ).json()) as { key: string }
      ).key,
    },
  );
  if (!id.ok) throw new Error(id.message);
  const to = new Date();
  const from = new Date(to.getTime() - 250 * 86_400_000);
  const seen = new Set<string>();
  let cursor: string | undefined;
  let pages = 0;
  const windows = new Set<string>();
  do {
    const page = await listOrdersPage(
      u,
      id.keyRowId,
      { status: "all", pageSize: 20, from: from.toISOString(), to: to.toISOString(), cursor },
      { priority: "background" },
    );
    for (const o of page.items) {
      expect(seen.has(o.order.order_id)).toBe(false);
      seen.add(o.order.order_id);
      expect(Date.parse(o.order.time)).toBeGreaterThanOrEqual(from.getTime());
    }
    if (page.window) windows.add(page.window.from);
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor && pages < 400);
  const truth = sim.state.accounts
    .get(sim.demoKeys["demo-all"]!.accountId)!
    .orders.filter((o) => o.time >= from.getTime() && o.time <= to.getTime()).length;
  expect(seen.size).toBe(truth);
  expect(truth).toBeGreaterThan(60);
  expect(windows.size).toBeGreaterThanOrEqual(3);
});

it("nothing Keydesk did reached a write endpoint, and no upstream 429 came from our budget", async () => {
  const c = await counters();
  expect(Object.keys(c.byMethod)).toEqual(["GET"]);
  expect(c.maxPerAccount).toBeLessThanOrEqual(200);
});
