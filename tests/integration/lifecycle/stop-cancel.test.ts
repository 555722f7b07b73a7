// Emergency stop and cancel-all against real PostgreSQL, Redis and
// the simulator. Two instances on one Redis: this process's gate (instance A, where the owner
// stops the key) and a second gate (instance B) holding cached data of the key.
import { Redis } from "ioredis";
import { waitFor } from "../../helpers/wait-for";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/sessions/session";
import type { Balances } from "@/lib/exchange/schemas";
import { createUpstreamGate } from "@/lib/limiter";
import { createCacheCipher } from "@/lib/crypto/cache-cipher";
import { newTestUser } from "../../helpers/users";
import { simulatorSuite } from "../../helpers/simulator-suite";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
let m: {
  addKey: typeof import("@/lib/keys/add-key");
  stop: typeof import("@/lib/keys/emergency-stop");
  cancel: typeof import("@/lib/keys/cancel-all-orders");
  teams: typeof import("@/lib/teams/teams");
  inv: typeof import("@/lib/teams/invitations");
  shares: typeof import("@/lib/teams/shares");
  read: typeof import("@/lib/reads/read");
  exportRun: typeof import("@/lib/export/run");
  gate: typeof import("@/lib/limiter/instance");
  crypto: typeof import("@/lib/crypto/instance");
  queue: typeof import("@/lib/alerts/queue");
};

async function signedIn(prefix: string): Promise<CurrentUser> {
  const u = await newTestUser(prefix);
  const s = await db.userSession.create({ data: { userId: u.id } });
  return { ...u, sessionId: s.id };
}
const suite = simulatorSuite({
  seed: "stop-cancel",
  warm: ["demo-busy"],
  env: { REDIS_URL, KEYDESK_REQUIRE_2FA_FOR_TRADE: "false" },
  teardown: async () => {
    m.gate.getGate().close();
    await m.queue.stopBoss();
  },
});
const mint = (account: string, scopes: string[]) => suite.mint(account, scopes);
async function add(owner: CurrentUser, key: string, label: string) {
  const r = await m.addKey.addKeyForUser(
    { user: owner, steppedUp: true },
    { label, key, confirmation: "WITHDRAW", confirmTrade: "yes" },
  );
  if (!r.ok) throw new Error(r.message);
  return r.keyRowId;
}
const balances = (u: CurrentUser, id: string) =>
  m.read.readKeyData<Balances>(u, id, "balances", {}, (c, k) => c.getBalances(k));
const deletes = async () =>
  ((await (await fetch(`${suite.sim.controlUrl}/counters`)).json()) as { byMethod: Record<string, number> }).byMethod
    .DELETE ?? 0;

beforeAll(async () => {
  m = {
    addKey: await import("@/lib/keys/add-key"),
    stop: await import("@/lib/keys/emergency-stop"),
    cancel: await import("@/lib/keys/cancel-all-orders"),
    teams: await import("@/lib/teams/teams"),
    inv: await import("@/lib/teams/invitations"),
    shares: await import("@/lib/teams/shares"),
    read: await import("@/lib/reads/read"),
    exportRun: await import("@/lib/export/run"),
    gate: await import("@/lib/limiter/instance"),
    crypto: await import("@/lib/crypto/instance"),
    queue: await import("@/lib/alerts/queue"),
  };
  await fetch(`${suite.sim.url}/account/orders`, {
    headers: { authorization: `Bearer ${suite.sim.demoKeys["demo-busy"]!.key}` },
  });
});

it("stops a shared key on every instance within 1 s: reads and a running export refused, Redis purged, members notified", async () => {
  const owner = await signedIn("stop-owner");
  const member = await signedIn("stop-member");
  const teamId = await m.teams.createTeam(owner, "Stop team");
  const { token } = await m.inv.createInvitation(owner, teamId, member.email, "member");
  await m.inv.acceptInvitation(member, token);
  const id = await add(owner, suite.sim.demoKeys["demo-busy"]!.key, "Busy");
  await db.apiKey.update({ where: { id }, data: { scopes: ["READ_ONLY"] } });
  await m.shares.shareKey(owner, { keyId: id, teamId, hideAmounts: false, allowExport: true });

  // The member is reading (cached in memory and, sealed, in Redis); an export is running.
  expect((await balances(member, id)).data).toBeTruthy();
  const gateA = m.gate.getGate();
  const raw = new Redis(REDIS_URL);
  // Instance B's key-event subscription: live once Redis counts one more subscriber on the channel.
  const channel = "keydesk:key-events";
  const subscribers = async () => Number(((await raw.pubsub("NUMSUB", channel)) as [string, number])[1]);
  const subscribedBefore = await subscribers();
  const redisB = new Redis(REDIS_URL);
  const subB = new Redis(REDIS_URL);
  const gateB = createUpstreamGate({
    ipPerMinute: 240,
    accountPerMinute: 180,
    instanceCount: 2,
    redis: redisB,
    subscriber: subB,
    cipher: createCacheCipher(m.crypto.getKeyring()),
  });
  await waitFor("instance B's subscription", async () => (await subscribers()) > subscribedBefore);
  // Instance B serves the member's read from the shared cache and keeps it in memory.
  await gateB.fetch({
    keyId: id,
    accountId: null,
    endpoint: "balances",
    params: {},
    userId: member.id,
    egressIp: "egress",
    priority: "interactive",
    fetcher: async () => ({ data: { from: "B" }, remainingQuota: null }),
    classify: () => null,
  });
  expect(gateB.cache.localCount(id)).toBeGreaterThan(0);
  expect((await raw.keys(`keydesk:cache:${id}|*`)).length).toBeGreaterThan(0);
  const { stream } = await m.exportRun.startExport(member, id, {
    kind: "orders",
    from: new Date(Date.now() - 365 * 86_400_000).toISOString(),
    to: new Date().toISOString(),
    status: "all",
  });
  const reader = stream.getReader();
  await reader.read();

  expect(await m.stop.stopKeyForOwner(owner, id, true)).toEqual({ ok: true, keyRowId: id });
  // Polling member: refused.
  await expect(balances(member, id)).rejects.toMatchObject({ code: "forbidden", reason: "KEY_STOPPED" });
  // The running export: its next page is refused.
  let exportError: unknown = null;
  try {
    for (;;) if ((await reader.read()).done) break;
  } catch (err) {
    exportError = err;
  }
  expect(exportError).toMatchObject({ reason: "KEY_STOPPED" });
  // Instance B heard it, by the pushed key event (nothing polls, nothing asks it): nothing of the
  // key in its memory, and it refuses the key. How fast the push arrives is a figure for a
  // benchmark, not a wall-clock assertion here.
  await waitFor("instance B to hear of the stop", () => gateB.keys.isStopped(id));
  let fetchedAfterStop = false;
  expect(gateB.cache.localCount(id)).toBe(0);
  await expect(
    gateB.fetch({
      keyId: id,
      accountId: null,
      endpoint: "balances",
      params: {},
      userId: member.id,
      egressIp: "egress",
      priority: "interactive",
      fetcher: async () => {
        fetchedAfterStop = true;
        return { data: { from: "B after the stop" }, remainingQuota: null };
      },
      classify: () => null,
    }),
  ).rejects.toMatchObject({ failure: { code: "KEY_STOPPED" } });
  expect(fetchedAfterStop).toBe(false);
  expect(gateA.cache.localCount(id)).toBe(0);
  expect(await raw.keys(`keydesk:cache:${id}|*`)).toEqual([]);
  // Stored: stopped, by whom, when; audited; owner and member alerted.
  const row = await db.apiKey.findUniqueOrThrow({ where: { id } });
  expect(row).toMatchObject({ status: "stopped", stoppedById: owner.id });
  expect(row.stoppedAt).toBeInstanceOf(Date);
  expect(await db.auditEvent.count({ where: { keyRef: id, action: "key.stop" } })).toBe(1);
  const alerted = await db.alertState.findMany({ where: { subject: id, condition: "key_stopped" } });
  expect(alerted.map((a) => a.userId).sort()).toEqual([owner.id, member.id].sort());
  // The owner cannot "Check again" it back; the key is never decrypted for a read.
  await expect(m.read.readKeyData(owner, id, "balances", {}, (c, k) => c.getBalances(k))).rejects.toMatchObject({
    reason: "KEY_STOPPED",
  });
  // A read or "check again" that was already in flight when the stop landed finishes after it:
  // it must not write the key back to active (only Replace does).
  const status = await import("@/lib/keys/status");
  await status.noteKeyReadSuccess({ id, status: "active", lastSuccessAt: null });
  await status.noteKeyCheck(id, "ok");
  expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).status).toBe("stopped");
  gateB.close();
  redisB.disconnect();
  raw.disconnect();
});

async function openOrders(key: string, n: number) {
  const t = (await (await fetch(`${suite.sim.url}/market-ticker/BTC_EUR`)).json()) as { last_price: string };
  const price = (Number(t.last_price) * 0.5).toFixed(2);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${suite.sim.url}/account/orders`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ instrument_code: "BTC_EUR", type: "LIMIT", side: "BUY", amount: "0.00100", price }),
    });
    expect(res.status).toBe(201);
    ids.push(((await res.json()) as { order_id: string }).order_id);
  }
  return ids;
}

it("cancel-all: the owner of a Trade key cancels every open order with exactly one DELETE; everyone else is refused", async () => {
  const owner = await signedIn("cancel-owner");
  const member = await signedIn("cancel-member");
  const admin = await signedIn("cancel-admin");
  const stranger = await signedIn("cancel-stranger");
  const trade = await mint("cancel-acct", ["READ_ONLY", "TRADE"]);
  const placed = await openOrders(trade.key, 3);
  const id = await add(owner, trade.key, "Trader");
  const teamId = await m.teams.createTeam(owner, "Cancel team");
  for (const [u, role] of [
    [member, "member"],
    [admin, "admin"],
  ] as const) {
    const { token } = await m.inv.createInvitation(owner, teamId, u.email, role);
    await m.inv.acceptInvitation(u, token);
  }
  await db.keyShare.create({ data: { keyId: id, teamId } }); // shared (a Trade key can't be shared through the UI)
  const readOnly = await mint("cancel-acct", ["READ_ONLY"]);
  const roOwner = await signedIn("cancel-ro");
  const roId = await add(roOwner, readOnly.key, "Read only");

  const before = await deletes();
  for (const u of [member, admin]) {
    await expect(m.cancel.cancelAllOrdersForOwner({ user: u, steppedUp: true }, id)).rejects.toMatchObject({
      code: "forbidden",
    });
  }
  await expect(m.cancel.cancelAllOrdersForOwner({ user: stranger, steppedUp: true }, id)).rejects.toMatchObject({
    code: "not_found",
  });
  expect(await m.cancel.cancelAllOrdersForOwner({ user: roOwner, steppedUp: true }, roId)).toMatchObject({
    ok: false,
    code: "no_trade",
  });
  expect(await m.cancel.cancelAllOrdersForOwner({ user: owner, steppedUp: false }, id)).toMatchObject({
    ok: false,
    code: "needs_step_up",
  });
  expect(await deletes()).toBe(before);

  const r = await m.cancel.cancelAllOrdersForOwner({ user: owner, steppedUp: true }, id);
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  // Exactly the exchange's answer: our three orders among the account's open orders.
  expect(r.cancelled).toEqual(expect.arrayContaining(placed));
  expect(await deletes()).toBe(before + 1);
  const audit = await db.auditEvent.findMany({ where: { keyRef: { in: [id, roId] }, action: "orders.cancel_all" } });
  expect(audit.map((a) => a.outcome).sort()).toEqual(["denied", "denied", "success"]);
});
