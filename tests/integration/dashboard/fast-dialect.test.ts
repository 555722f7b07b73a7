// Keydesk against the simulator speaking One Trading Fast (/fast/v1): the proxy and budget,
// 30-day history windows and the look-back default, old lookups in words, the export of long
// ranges window by window, valuation with perpetuals and futures balances, Fast's fee groups,
// and keys for the other dialect. (The same paths under Bitpanda Pro: proxy.test.ts and
// portfolio-export.test.ts.)
import Decimal from "decimal.js";
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { resetEnvCache } from "@/lib/env";
import { disconnectDb, db } from "@/lib/db";
import { addKeyForUser } from "@/lib/keys/add-key";
import type { CurrentUser } from "@/lib/sessions/session";
import type { Balances, TradeEntry } from "@/lib/exchange/schemas";
import type { AccountFees } from "@/lib/exchange/model";
import { newTestUser } from "../../helpers/users";
import { SkippingClock, installClock } from "../../helpers/clock";

const clock = installClock(new SkippingClock());

const DAY = 86_400_000;
let sim: RunningSimulator;
let owner: CurrentUser;
let m: {
  read: typeof import("@/lib/reads/read");
  history: typeof import("@/lib/reads/history");
  portfolio: typeof import("@/lib/reads/valuation");
  exportRun: typeof import("@/lib/export/run");
};

const user = () => newTestUser("fast");
async function addDemo(u: CurrentUser, name: string, label = `My ${name}`) {
  const r = await addKeyForUser(
    { user: u, steppedUp: true },
    { label, key: sim.demoKeys[name]!.key, confirmation: "WITHDRAW", confirmTrade: "yes" },
  );
  if (!r.ok) throw new Error(r.message);
  return r.keyRowId;
}
async function mint(body: object): Promise<{ key: string; accountId: string }> {
  return (await (await fetch(`${sim.controlUrl}/keys`, { method: "POST", body: JSON.stringify(body) })).json()) as {
    key: string;
    accountId: string;
  };
}
async function upstream<T>(name: string, path: string): Promise<T> {
  const res = await fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${sim.demoKeys[name]!.key}` } });
  return (await res.json()) as T;
}
async function counters() {
  return (await (await fetch(`${sim.controlUrl}/counters`)).json()) as {
    byAccountMethod: Record<string, Record<string, number>>;
    byMethod: Record<string, number>;
    maxPerAccount: number;
  };
}
const gets = async (name: string) => (await counters()).byAccountMethod[sim.demoKeys[name]!.accountId]?.GET ?? 0;
const fault = (body: object) => fetch(`${sim.controlUrl}/faults`, { method: "POST", body: JSON.stringify(body) });
const balances = (u: CurrentUser, id: string, refresh = true) =>
  m.read.readKeyData<Balances>(u, id, "balances", {}, (c, k) => c.getBalances(k), { refresh });
function parseCsv(text: string): string[][] {
  return text
    .split("\r\n")
    .filter(Boolean)
    .map((line) =>
      line
        .match(/("([^"]|"")*"|[^,]*)(,|$)/g)!
        .filter((c, i, a) => i < a.length - 1 || c !== "")
        .map((c) => c.replace(/,$/, "").replace(/^"|"$/g, "").replace(/""/g, '"')),
    );
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, controlPort: 0, seed: "fast-dialect", dialect: "fast", warm: ["demo-busy"] });
  expect(sim.url).toMatch(/\/fast\/v1$/);
  Object.assign(process.env, {
    EXCHANGE_BASE_URL: sim.url,
    SIMULATOR_CONTROL_URL: sim.controlUrl,
    REDIS_URL: "",
  });
  delete process.env.EXCHANGE_API;
  resetEnvCache();
  m = {
    read: await import("@/lib/reads/read"),
    history: await import("@/lib/reads/history"),
    portfolio: await import("@/lib/reads/valuation"),
    exportRun: await import("@/lib/export/run"),
  };
  owner = await user();
  // A real session row: long exports re-check the session as they go.
  owner = { ...owner, sessionId: (await db.userSession.create({ data: { userId: owner.id } })).id };
  await upstream("demo-busy", "/account/balances"); // generate demo-busy's history outside the timed calls
});
afterEach(async () => {
  await fetch(`${sim.controlUrl}/faults`, { method: "DELETE" });
});
afterAll(async () => {
  await sim.close();
  await disconnectDb();
});

describe("proxy and budget under Fast", () => {
  it("50 viewers asking at once cause one upstream call; a 429 cools the account down with stale data", async () => {
    const id = await addDemo(owner, "demo-small");
    const before = await gets("demo-small");
    const results = await Promise.all(Array.from({ length: 50 }, () => balances(owner, id, false)));
    expect((await gets("demo-small")) - before).toBe(1);
    // A real answer (demo-small holds a few currencies), shared by all 50.
    expect(results[0]!.data.balances.length).toBeGreaterThan(0);
    expect(new Set(results.map((r) => JSON.stringify(r.data))).size).toBe(1);
    await fault({ kind: "ratelimit", account: "demo-small", count: 1 });
    expect(await balances(owner, id)).toMatchObject({ source: "stale", staleReason: "rate_limited" });
    const calls = await gets("demo-small");
    expect(await balances(owner, id)).toMatchObject({ source: "stale", staleReason: "account_cooldown" });
    expect(await gets("demo-small")).toBe(calls);
  });

  it("a 5xx, a stranger and a revoked key give their clear errors under Fast; the last data stays, labelled", async () => {
    const u = await user();
    const id = await addDemo(u, "demo-read");
    await fault({ kind: "error5xx", status: 503, account: "demo-read", count: 1 });
    await expect(balances(u, id)).rejects.toMatchObject({
      code: "upstream_unavailable",
      reason: "SERVICE_UNAVAILABLE",
    });
    expect((await balances(u, id)).source).toBe("live");
    await expect(balances(await user(), id)).rejects.toMatchObject({ code: "not_found" });
    await fetch(`${sim.controlUrl}/keys/revoke`, {
      method: "POST",
      body: JSON.stringify({ jti: sim.demoKeys["demo-read"]!.jti }),
    });
    // The user's budget (a few calls a second) also counts the add-key live check: the clock rolls
    // its window, so this read goes upstream and meets the revocation instead of being paced.
    clock.skip(1_100);
    expect(await balances(u, id)).toMatchObject({ source: "stale", staleReason: "key_revoked" });
    expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).status).toBe("revoked");
  });
});

describe("history windows under Fast", () => {
  it("a 75-day range is walked in windows of at most 30 days, nothing lost or repeated", async () => {
    const u = await user();
    const k = await mint({ scopes: ["READ_ONLY"], account: "demo-all" });
    const r = await addKeyForUser({ user: u, steppedUp: false }, { label: "all-read", key: k.key });
    if (!r.ok) throw new Error(r.message);
    const to = new Date();
    const from = new Date(to.getTime() - 75 * DAY);
    const seen = new Set<string>();
    const windows: { from: string; to: string }[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await m.history.listOrdersPage(
        u,
        r.keyRowId,
        { status: "all", pageSize: 20, from: from.toISOString(), to: to.toISOString(), cursor },
        { priority: "background" },
      );
      expect(page.windowDays).toBe(30);
      for (const o of page.items) {
        expect(seen.has(o.order.order_id)).toBe(false);
        seen.add(o.order.order_id);
        expect(["BOOKED", "DONE", "CANCELLED"]).not.toContain(o.order.status); // internal vocabulary only
      }
      if (page.window && !windows.some((w) => w.from === page.window!.from)) windows.push(page.window);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 400);
    for (const w of windows) expect(Date.parse(w.to) - Date.parse(w.from)).toBeLessThanOrEqual(30 * DAY);
    expect(windows.length).toBeGreaterThanOrEqual(3);
    const truth = sim.state.accounts
      .get(k.accountId)!
      .orders.filter((o) => o.time >= from.getTime() && o.time <= to.getTime()).length;
    expect(seen.size).toBe(truth);
    expect(truth).toBeGreaterThan(10);
  });

  it("without dates Keydesk asks for the last 30 days (not Fast's 1 or 7) and says so; open orders need no range", async () => {
    // demo-all: about a dozen orders a month, so one page holds the whole 30 days.
    const k = await mint({ scopes: ["READ_ONLY"], account: "demo-all" });
    const r = await addKeyForUser({ user: owner, steppedUp: false }, { label: "all-read-2", key: k.key });
    if (!r.ok) throw new Error(r.message);
    const orders = await m.history.listOrdersPage(owner, r.keyRowId, { status: "all", pageSize: 100 });
    expect(orders.defaultRange).toBeDefined();
    const span = Date.parse(orders.defaultRange!.to) - Date.parse(orders.defaultRange!.from);
    expect(span).toBe(30 * DAY);
    const since = Date.parse(orders.defaultRange!.from);
    const truth = sim.state.accounts
      .get(k.accountId)!
      .orders.filter((o) => o.time >= since && o.time <= Date.parse(orders.defaultRange!.to));
    expect(orders.items.map((o) => o.order.order_id).sort()).toEqual(truth.map((o) => o.order_id).sort());
    expect(truth.some((o) => o.time < Date.now() - 2 * DAY)).toBe(true); // more than Fast's own 1-day default would give
    const id = await addDemo(owner, "demo-busy");
    const trades = await m.history.listTradesPage(owner, id, { status: "all", pageSize: 100 });
    expect(trades.defaultRange).toBeDefined();
    expect(trades.items.length).toBeGreaterThan(0);
    const open = await m.history.listOrdersPage(owner, id, { status: "open", pageSize: 100 });
    expect(open.defaultRange).toBeUndefined();
    expect(open.items.every((o) => ["OPEN", "STOP_TRIGGERED", "FILLED"].includes(o.order.status))).toBe(true);
    const cancelled = await m.history.listOrdersPage(owner, id, {
      status: "cancelled",
      pageSize: 100,
      from: new Date(Date.now() - 20 * DAY).toISOString(),
      to: new Date().toISOString(),
    });
    expect(
      cancelled.items.every((o) =>
        ["CLOSED", "REJECTED", "FILLED_CLOSED", "FILLED_REJECTED", "FAILED"].includes(o.order.status),
      ),
    ).toBe(true);
  });

  it("a range ending in the future is read up to now; one wholly in the future is empty without asking the exchange", async () => {
    const id = (await db.apiKey.findFirstOrThrow({ where: { ownerId: owner.id, label: "My demo-busy" } })).id;
    const later = await m.history.listTradesPage(owner, id, {
      status: "all",
      pageSize: 20,
      from: new Date(Date.now() - 2 * DAY).toISOString(),
      to: new Date(Date.now() + 5 * DAY).toISOString(),
    });
    expect(later.items.length).toBeGreaterThan(0);
    expect(Date.parse(later.window!.to)).toBeLessThanOrEqual(Date.now());
    const before = await gets("demo-busy");
    const future = await m.history.listOrdersPage(owner, id, {
      status: "all",
      pageSize: 20,
      from: new Date(Date.now() + DAY).toISOString(),
      to: new Date(Date.now() + 3 * DAY).toISOString(),
    });
    expect(future).toMatchObject({ items: [], nextCursor: null, source: "live" });
    expect(await gets("demo-busy")).toBe(before);
  });

  it("an order older than Fast's 30-day lookup says so in words; a recent one opens with its trades", async () => {
    const id = (await db.apiKey.findFirstOrThrow({ where: { ownerId: owner.id, label: "My demo-busy" } })).id;
    const acct = sim.state.accounts.get(sim.demoKeys["demo-busy"]!.accountId)!;
    const old = acct.orders.find((o) => o.time < Date.now() - 40 * DAY)!;
    const recent = acct.orders.find((o) => o.time > Date.now() - 10 * DAY && o.tradeIds.length > 0)!;
    await expect(
      m.read.readKeyData(owner, id, "order", { orderId: old.order_id }, (c, k) => c.getOrder(k, old.order_id)),
    ).rejects.toMatchObject({
      code: "not_found",
      reason: "ORDER_LOOKUP_OUT_OF_RANGE",
      messageKey: "exchange.orderOutOfRange", // "… only within the last 30 days …"
    });
    const one = await m.read.readKeyData(owner, id, "order", { orderId: recent.order_id }, (c, k) =>
      c.getOrder(k, recent.order_id),
    );
    expect(one.data.order.order_id).toBe(recent.order_id);
    const trades = await m.read.readKeyData(owner, id, "order-trades", { orderId: recent.order_id }, (c, k) =>
      c.getOrderTrades(k, recent.order_id, { max_page_size: 100 }),
    );
    expect(trades.data.trade_history.map((t) => t.trade.trade_id).sort()).toEqual([...recent.tradeIds].sort());
    expect(trades.data.trade_history.every((t) => t.fee.fee_type === "MAKER" || t.fee.fee_type === "TAKER")).toBe(true);
  });
});

describe("export under Fast", () => {
  it("a month of trades, identical to the simulator's; a 70-day range window by window", async () => {
    const id = (await db.apiKey.findFirstOrThrow({ where: { ownerId: owner.id, label: "My demo-busy" } })).id;
    const to = new Date().toISOString();
    const from = new Date(Date.now() - 30 * DAY).toISOString();
    const { stream } = await m.exportRun.startExport(owner, id, { kind: "trades", from, to, status: "all" });
    const rows = parseCsv(await new Response(stream).text());
    const header = rows.shift()!;
    const truth: TradeEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await upstream<{ trade_history: TradeEntry[]; cursor?: string }>(
        "demo-busy",
        `/account/trades?from=${from}&to=${to}&max_page_size=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      truth.push(...page.trade_history);
      cursor = page.cursor;
    } while (cursor);
    expect(truth.length).toBeGreaterThan(100);
    expect(rows).toHaveLength(truth.length);
    const col = (n: string) => header.indexOf(n);
    rows.forEach((r, i) => {
      const t = truth[i]!;
      expect([
        r[col("trade_id")],
        r[col("time")],
        r[col("amount")],
        r[col("price")],
        r[col("fee_amount")],
        r[col("fee_currency")],
      ]).toEqual([t.trade.trade_id, t.trade.time, t.trade.amount, t.trade.price, t.fee.fee_amount, t.fee.fee_currency]);
      expect(r[col("value")]).toBe(new Decimal(t.trade.amount).mul(t.trade.price).toFixed());
      expect(r[col("fee_type")]).toBe((t.trade as { matched_as?: string }).matched_as);
    });

    const longFrom = new Date(Date.now() - 70 * DAY).toISOString();
    const long = await m.exportRun.startExport(owner, id, { kind: "orders", from: longFrom, to, status: "all" });
    const orderRows = parseCsv(await new Response(long.stream).text()).slice(1);
    const acct = sim.state.accounts.get(sim.demoKeys["demo-busy"]!.accountId)!;
    const expected = acct.orders.filter((o) => o.time >= Date.parse(longFrom) && o.time <= Date.parse(to)).length;
    expect(orderRows).toHaveLength(expected);
    expect(new Set(orderRows.map((r) => r[1])).size).toBe(expected);
  }, 120_000);
});

describe("valuation, fees and keys under Fast", () => {
  it("futures balances and perpetual positions are shown, valued where a price exists, unpriced otherwise", async () => {
    const id = await addDemo(owner, "demo-futures");
    const p = await m.portfolio.readValuation(owner, id);
    const bal = await upstream<Balances>("demo-futures", "/account/balances");
    expect(p.rows.map((r) => r.currency).sort()).toEqual(bal.balances.map((b) => b.currency_code).sort());
    const tickers = (await (await fetch(`${sim.url}/market-ticker`)).json()) as {
      instrument_code: string;
      last_price: string;
    }[];
    for (const r of p.rows) {
      const direct =
        tickers.find((t) => t.instrument_code === `${r.currency}_EUR`) ??
        tickers.find((t) => t.instrument_code === r.currency && r.currency.endsWith("_EUR_P"));
      if (r.currency === "EUR") expect(r.valueEur).toBe(new Decimal(r.total).toFixed(2));
      else if (direct)
        expect(r.valueEur).toBe(new Decimal(r.total).mul(direct.last_price).toFixed(2, Decimal.ROUND_HALF_UP));
      if (r.source.kind === "none" && !new Decimal(r.total).isZero()) expect(p.unpriced).toContain(r.currency);
      if (r.source.kind !== "none") expect(r.valueEur).not.toBeNull();
    }
    // Perpetual prices never replace spot prices.
    const btc = p.rows.find((r) => r.currency === "BTC");
    if (btc) expect(btc.source).toEqual({ kind: "market", via: "BTC_EUR" });
    const perps = await m.history.listTradesPage(owner, id, {
      status: "all",
      pageSize: 100,
      instrument: "BTC_EUR_P",
      from: new Date(Date.now() - 29 * DAY).toISOString(),
      to: new Date().toISOString(),
    });
    expect(perps.items.every((t) => t.trade.instrument_code === "BTC_EUR_P")).toBe(true);
  });

  it("fees come as SPOT and FUTURES groups with numeric volumes read exactly; there is no trading-volume call", async () => {
    const id = (await db.apiKey.findFirstOrThrow({ where: { ownerId: owner.id, label: "My demo-futures" } })).id;
    const fees = await m.read.readKeyData<AccountFees>(owner, id, "fees", {}, (c, k) => c.getAccountFees(k), {
      refresh: true,
    });
    const wire = await upstream<{ running_volumes: { fee_group_id: string; volume: number }[] }>(
      "demo-futures",
      "/account/fees",
    );
    expect(fees.data.combined_across_subaccounts).toBe(true);
    expect(fees.data.groups.map((g) => g.fee_group_id)).toEqual(["SPOT", "FUTURES"]);
    for (const g of fees.data.groups)
      expect(Number(g.running_volume)).toBe(
        wire.running_volumes.find((v) => v.fee_group_id === g.fee_group_id)!.volume,
      );
    const { getDialectTraits } = await import("@/lib/env");
    const { getExchangeClient } = await import("@/lib/limiter/exchange-client");
    expect(getDialectTraits().tradingVolume).toBe(false);
    const before = (await counters()).byMethod.GET ?? 0;
    await expect(getExchangeClient().getTradingVolume("unused")).rejects.toMatchObject({ code: "feature_unavailable" });
    expect((await counters()).byMethod.GET ?? 0).toBe(before);
  });

  it("a key for the other dialect is told exactly that", async () => {
    const u = await user();
    const legacy = await mint({ scopes: ["READ_ONLY"], account: "still-on-bitpanda", dialect: "bitpanda", orders: 0 });
    const en = await addKeyForUser({ user: u, steppedUp: false }, { label: "old", key: legacy.key });
    expect(en).toMatchObject({
      ok: false,
      code: "rejected_by_exchange",
      field: "key",
      message: expect.stringMatching(/key for the older Bitpanda Pro API \(\/public\/v1\)/),
    });
    const de = await addKeyForUser({ user: u, steppedUp: false, locale: "de" }, { label: "old", key: legacy.key });
    expect(de).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Schlüssel für die ältere Bitpanda-Pro-API/),
    });
    expect(await db.apiKey.count({ where: { ownerId: u.id } })).toBe(0);
  });

  it("nothing reached a write endpoint and no account went past the exchange's limit", async () => {
    const c = await counters();
    expect(Object.keys(c.byMethod)).toEqual(["GET"]);
    expect(c.maxPerAccount).toBeLessThanOrEqual(200);
  });
});
