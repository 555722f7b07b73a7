// A Trade key's own TRADING connection, from the app's side, against the simulator's One Trading
// Fast WebSocket: a live page (GET /api/live) showing the key makes the deployment open one
// authenticated connection for it; a fill then updates the key's balances on the page (its
// valuation, labelled as pushed) and arrives as an `order` event, with no REST balances call.
// A Read-only key never gets a connection (the exchange would refuse it): it stays on REST. An
// emergency stop, a delete, or a stop heard from another instance closes the connection at
// once (the simulator sees the socket close). The market stream is off: prices are polled REST.
import Decimal from "decimal.js";
import { randomUUID } from "node:crypto";
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { getEnv, resetEnvCache } from "@/lib/env";
import { disconnectDb } from "@/lib/db";
import { addKeyForUser } from "@/lib/keys/add-key";
import { stopKeyForOwner } from "@/lib/keys/emergency-stop";
import { deleteKeyForOwner } from "@/lib/keys/delete-key";
import type { CurrentUser } from "@/lib/sessions/session";
import type { Valuation } from "@/lib/reads/valuation";
import type { OrderPush } from "@/lib/live/order-push";
import { getLiveHub } from "@/lib/live/route";
import { getTradingStreams, stopTradingStreams, tradeKeysAllowed } from "@/lib/market/trading-instance";
import { TradingStreams, type TradingBusMessage } from "@/lib/market/trading";
import { TradingConnection } from "@/lib/market/trading-connection";
import { PgLeadership } from "@/lib/market/leader";
import { PgBus } from "@/lib/market/bus";
import { withKeyCredentials } from "@/lib/keys/credentials";
import { db } from "@/lib/db";
import { createTeam, removeMember } from "@/lib/teams/teams";
import { acceptInvitation, createInvitation } from "@/lib/teams/invitations";
import { newTestUser } from "../../helpers/users";
import { mintSessionCookie } from "../../helpers/sessions";
import { TEST_SECRETS } from "../../helpers/test-secrets";
import { SseReader } from "../../helpers/sse";
import { waitFor } from "../../helpers/wait-for";

let sim: RunningSimulator;
let owner: CurrentUser;
let cookie: string;
const readers: SseReader[] = [];
const extra: TradingStreams[] = [];

beforeAll(async () => {
  sim = await startSimulator({ port: 0, controlPort: 0, seed: "live-trading", dialect: "fast", heartbeatMs: 300 });
  Object.assign(process.env, {
    EXCHANGE_BASE_URL: sim.url,
    SIMULATOR_CONTROL_URL: sim.controlUrl,
    REDIS_URL: "",
    MARKET_STREAM: "false",
    TRADING_STREAM: "true",
    MARKET_WS_URL_FAST: sim.wsUrls.fast,
    MARKET_STALE_AFTER_SECONDS: "2",
    MARKET_LEADER_TTL_SECONDS: "2",
  });
  resetEnvCache();
  owner = await newTestUser("lt-own");
  cookie = await mintSessionCookie(owner, TEST_SECRETS.AUTH_SECRET);
});
afterEach(async () => {
  await Promise.all(readers.splice(0).map((r) => r.cancel()));
  await Promise.all(extra.splice(0).map((s) => s.stop()));
  // Each case starts with no connection: the process's hub and trading streams are made anew.
  getLiveHub().shutdown();
  (globalThis as { keydeskLiveHub?: unknown }).keydeskLiveHub = undefined;
  await stopTradingStreams();
  await waitFor("no socket left", async () => (await ws()).openByDialect.fast === 0);
});
afterAll(async () => {
  await sim.close();
  await disconnectDb();
});

async function control(path: string, body?: unknown, method = body === undefined ? "GET" : "POST") {
  const res = await fetch(`${sim.controlUrl}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
}

/** A new Fast account with EUR and a key of these scopes, added to Keydesk by the owner. */
async function addKey(scopes: string[]) {
  const account = `lt-${randomUUID().slice(0, 8)}`;
  const minted = (await control("/keys", { account, scopes, dialect: "fast", orders: 0 })) as {
    key: string;
    jti: string;
    accountId: string;
  };
  await control(`/accounts/${minted.accountId}/deposit`, { currency: "EUR", amount: "10000" });
  const r = await addKeyForUser(
    { user: owner, steppedUp: true },
    { label: `Trading ${account}`, key: minted.key, confirmation: "WITHDRAW", confirmTrade: "yes" },
  );
  if (!r.ok) throw new Error(r.message);
  return { ...minted, keyId: r.keyRowId, label: `Trading ${account}` };
}

async function open(keys: string[], as = cookie) {
  const { GET } = await import("@/app/api/[...path]/route");
  const req = new Request(`http://localhost:3000/api/live?keys=${keys.join(",")}`, { headers: { cookie: as } });
  const res = await GET(req);
  expect(res.status).toBe(200);
  const reader = new SseReader(res.body!);
  readers.push(reader);
  return reader;
}

type Ws = { open: number; accepted: number; openByDialect: { fast: number } };
const ws = async () => (await control("/ws")) as unknown as Ws;
const restGets = async (accountId: string) =>
  ((await control("/counters")) as { byAccountMethod: Record<string, Record<string, number>> }).byAccountMethod[
    accountId
  ]?.GET ?? 0;
const portfolioOf = (data: string) => JSON.parse(data) as { keyId: string; portfolio: Valuation };

/** A limit buy of 0.01 BTC above the best ask, placed over REST with the key itself: it fills at once. */
async function buyNow(key: string) {
  const base = sim.url;
  const ticker = (await (await fetch(`${base}/market-ticker/BTC_EUR`)).json()) as Record<string, string>;
  const ask = new Decimal(ticker.best_ask ?? ticker.lowest_ask!);
  const res = await fetch(`${base}/account/orders`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({
      instrument_code: "BTC_EUR",
      type: "LIMIT",
      side: "BUY",
      amount: "0.01",
      price: ask.mul("1.01").toFixed(2),
      time_in_force: "GOOD_TILL_CANCELLED",
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { order_id: string }).order_id;
}

it("a Trade key's fill updates its balances over its TRADING connection, with no REST balances call", async () => {
  const trader = await addKey(["READ_ONLY", "TRADE"]);
  const reader = await open([trader.keyId]);
  const streams = getTradingStreams()!;
  // The first valuation is REST's; once the connection is up, the balances are labelled as pushed.
  const pushed = await reader.next(
    (e) => e.event === "portfolio" && portfolioOf(e.data).portfolio.balances?.live === true,
  );
  expect(streams.healthy(trader.keyId)).toBe(true);
  expect((await ws()).openByDialect.fast).toBe(1);
  const btcBefore = portfolioOf(pushed.data).portfolio.rows.find((r) => r.currency === "BTC")?.total ?? "0";
  const eurBefore = portfolioOf(pushed.data).portfolio.rows.find((r) => r.currency === "EUR")!.total;
  const getsBefore = await restGets(trader.accountId);
  const from = reader.events.length;

  const orderId = await buyNow(trader.key);
  const filled = await reader.next(
    (e) =>
      e.event === "order" &&
      (JSON.parse(e.data) as OrderPush).orderId === orderId &&
      (JSON.parse(e.data) as OrderPush).status === "FILLED_FULLY",
    from,
  );
  const push = JSON.parse(filled.data) as OrderPush;
  expect(push).toMatchObject({ keyId: trader.keyId, instrument: "BTC_EUR", side: "BUY", open: false });
  expect(push.fill?.amount).toBe("0.01000");
  const after = await reader.next(
    (e) =>
      e.event === "portfolio" &&
      new Decimal(portfolioOf(e.data).portfolio.rows.find((r) => r.currency === "BTC")?.total || "0").gt(btcBefore),
    from,
  );
  const p = portfolioOf(after.data).portfolio;
  expect(p.balances).toMatchObject({ live: true, source: "live" });
  // The EUR the buy spent left the balance too: the whole account came with the event.
  expect(new Decimal(p.rows.find((r) => r.currency === "EUR")!.total).lt(eurBefore)).toBe(true);
  // Not one REST read of the account between the order and the new figures on the page.
  expect(await restGets(trader.accountId)).toBe(getsBefore);
  expect((await ws()).openByDialect.fast).toBe(1);
});

it("a Read-only key never opens a TRADING connection: its balances stay on REST", async () => {
  const readOnly = await addKey(["READ_ONLY"]);
  const trader = await addKey(["READ_ONLY", "TRADE"]);
  expect(await tradeKeysAllowed([readOnly.keyId, trader.keyId])).toEqual(new Set([trader.keyId]));
  const acceptedBefore = (await ws()).accepted;
  const reader = await open([readOnly.keyId, trader.keyId]);
  const streams = getTradingStreams()!;
  // Both keys are on screen and the leader has worked out what to open: only the Trade key's.
  await reader.next(
    (e) =>
      e.event === "portfolio" &&
      portfolioOf(e.data).keyId === trader.keyId &&
      portfolioOf(e.data).portfolio.balances?.live === true,
  );
  const ro = await reader.next((e) => e.event === "portfolio" && portfolioOf(e.data).keyId === readOnly.keyId);
  expect(portfolioOf(ro.data).portfolio.balances?.live).toBeUndefined();
  expect(streams.connectionOf(readOnly.keyId)).toBeUndefined();
  expect(streams.healthy(readOnly.keyId)).toBe(false);
  const after = await ws();
  expect(after.accepted - acceptedBefore).toBe(1);
  expect(after.openByDialect.fast).toBe(1);
});

it("a key the exchange refuses at AUTHENTICATE stays on REST and is not asked again", async () => {
  const trader = await addKey(["READ_ONLY", "TRADE"]);
  const reader = await open([trader.keyId]);
  const streams = getTradingStreams()!;
  await waitFor("connected", () => streams.healthy(trader.keyId));
  // Revoked at the exchange: the simulator ends the session (1008) and refuses a new AUTHENTICATE.
  await control("/keys/revoke", { jti: trader.jti });
  await waitFor("closed", () => !streams.healthy(trader.keyId) && !streams.connectionOf(trader.keyId));
  const accepted = (await ws()).accepted;
  const pulses = streams.pulses;
  await waitFor("three pulses", () => streams.pulses >= pulses + 3);
  expect(streams.connectionOf(trader.keyId)).toBeUndefined();
  expect((await ws()).accepted).toBe(accepted);
  const last = reader.events.filter((e) => e.event === "portfolio").at(-1);
  expect(last && portfolioOf(last.data).portfolio.balances?.live).not.toBe(true);
});

it("an emergency stop closes the key's connection at once; so does a delete", async () => {
  for (const end of ["stop", "delete"] as const) {
    const trader = await addKey(["READ_ONLY", "TRADE"]);
    await open([trader.keyId]);
    const streams = getTradingStreams()!;
    await waitFor("connected", () => streams.healthy(trader.keyId));
    await waitFor("one socket", async () => (await ws()).openByDialect.fast === 1);
    if (end === "stop") expect((await stopKeyForOwner(owner, trader.keyId, true)).ok).toBe(true);
    else expect((await deleteKeyForOwner(owner, trader.keyId, trader.label)).ok).toBe(true);
    // The simulator sees the socket go, and the app does not open it again.
    await waitFor(`socket closed after the ${end}`, async () => (await ws()).openByDialect.fast === 0);
    expect(streams.connectionOf(trader.keyId)).toBeUndefined();
    const pulses = streams.pulses;
    await waitFor("three pulses", () => streams.pulses >= pulses + 3);
    expect((await ws()).openByDialect.fast).toBe(0);
  }
});

it("a stop heard on another instance closes the connection its leader holds", async () => {
  const trader = await addKey(["READ_ONLY", "TRADE"]);
  const prefix = `kdtest_trading_${randomUUID().slice(0, 8)}`;
  const make = () => {
    const s = new TradingStreams({
      leadership: new PgLeadership(getEnv().DATABASE_URL!, prefix),
      bus: new PgBus<TradingBusMessage>(getEnv().DATABASE_URL!, prefix),
      connect: (keyId) =>
        new TradingConnection({
          url: sim.wsUrls.fast,
          withToken: (use) => withKeyCredentials(keyId, use),
          takeConnection: () => Promise.resolve(null),
          refused: () => Promise.resolve(),
          staleAfterMs: 2_000,
          backoffBaseMs: 50,
          backoffMaxMs: 400,
        }),
      eligible: tradeKeysAllowed,
      seal: (_k, text) => text,
      open: (_k, text) => text,
      staleAfterMs: 2_000,
      pulseMs: 250,
    });
    extra.push(s);
    return s;
  };
  const a = make();
  await a.start();
  const b = make();
  await b.start();
  expect([a.isLeader, b.isLeader]).toEqual([true, false]);
  // The follower's page shows the key: the leader opens its connection, and the follower hears it is healthy.
  b.need("page", new Set([trader.keyId]));
  await waitFor("healthy on both", () => a.healthy(trader.keyId) && b.healthy(trader.keyId));
  const openBefore = (await ws()).openByDialect.fast;
  // The stop is pressed on the follower's instance: the leader closes the socket.
  b.close(trader.keyId);
  await waitFor("leader closed it", () => !a.connectionOf(trader.keyId));
  await waitFor("socket gone at the exchange", async () => (await ws()).openByDialect.fast === openBefore - 1);
});

it("a member with hidden amounts hears the key's orders and balances without an amount, and nothing after removal", async () => {
  const trader = await addKey(["READ_ONLY", "TRADE"]);
  const member = await newTestUser("lt-hid");
  const teamId = await createTeam(owner, `Hidden ${trader.accountId.slice(0, 6)}`);
  const { token } = await createInvitation(owner, teamId, member.email, "member");
  await acceptInvitation(member, token);
  await db.keyShare.create({ data: { keyId: trader.keyId, teamId, hideAmounts: true, allowExport: false } });
  const reader = await open([trader.keyId], await mintSessionCookie(member, TEST_SECRETS.AUTH_SECRET));
  await reader.next((e) => e.event === "portfolio" && portfolioOf(e.data).portfolio.balances?.live === true);
  const from = reader.events.length;
  const orderId = await buyNow(trader.key);
  const filled = await reader.next(
    (e) => e.event === "order" && (JSON.parse(e.data) as OrderPush).status === "FILLED_FULLY",
    from,
  );
  const push = JSON.parse(filled.data) as OrderPush;
  expect(push).toMatchObject({ orderId, amountsHidden: true, amount: "", remaining: "", side: "BUY" });
  expect(push.fill).toMatchObject({ amount: "", fee: "" });
  expect(filled.data).not.toContain("0.01");
  // Every valuation after the fill: shares only, never an amount, a EUR value or the total.
  const owned = (await control(`/accounts/${trader.accountId}/balances`)) as {
    balances: { currency_code: string; available: string }[];
  };
  const amounts = owned.balances.map((b) => b.available).filter((a) => !/^0(\.0+)?$/.test(a));
  expect(amounts.length).toBeGreaterThan(0);
  const after = await reader.next((e) => e.event === "portfolio", from);
  const p = portfolioOf(after.data).portfolio;
  expect(p.amountsHidden).toBe(true);
  expect(p.totalEur).toBe("");
  for (const a of amounts) expect(after.data).not.toContain(`"${a}"`);
  // Removed from the team: the stream ends, and no order event of the key reaches them again.
  const row = await db.teamMember.findFirstOrThrow({ where: { teamId, userId: member.id } });
  await removeMember(owner, teamId, row.id);
  const end = await reader.next((e) => e.event === "end", from);
  expect(JSON.parse(end.data)).toEqual({ reason: "access_ended" });
  await reader.ended();
  expect(reader.events.slice(reader.events.indexOf(end) + 1)).toEqual([]);
});
