// The private channels: Fast's TRADING wants a key with Trade (a Read-only key fails
// AUTHENTICATE, as the exchange's docs say), and a Trade key's orders and fills arrive as order
// events with the balances after each; Bitpanda Pro's ACCOUNT_HISTORY wants an authenticated
// key and pushes ACCOUNT_UPDATEs. Orders are placed over REST (or filled by a market move), so
// the events are the ledger's, the same that REST reads.
import Decimal from "decimal.js";
import type { RunningSimulator } from "@/lib/simulator";
import { WsProbe } from "@/tests/helpers/ws-probe";
import { call, control, withSim } from "./helpers";

let sim: RunningSimulator;
const probes: WsProbe[] = [];

beforeAll(async () => {
  sim = await withSim({ dialect: "fast" });
});
afterEach(async () => {
  for (const p of probes.splice(0)) p.close();
  await control(sim, "/market/price", undefined, "DELETE");
});
afterAll(async () => {
  await sim.close();
});

async function open(url: string) {
  const p = await WsProbe.open(url);
  probes.push(p);
  return p;
}

async function mint(account: string, scopes: string[], dialect: "fast" | "bitpanda", eur = "0") {
  const minted = (await control(sim, "/keys", { account, scopes, dialect, orders: 0 })) as {
    key: string;
    jti: string;
    accountId: string;
  };
  if (eur !== "0") await control(sim, `/accounts/${minted.accountId}/deposit`, { currency: "EUR", amount: eur });
  return minted;
}

const is = (type: string, extra: (m: Record<string, unknown>) => boolean = () => true) => {
  return (m: Record<string, unknown>) => m.type === type && extra(m);
};

async function askOf(base: string): Promise<Decimal> {
  const t = (await call(sim, "/market-ticker/BTC_EUR", { base })).body as Record<string, string>;
  return new Decimal(t.lowest_ask ?? t.best_ask!);
}

function order(side: "BUY", price: Decimal) {
  return {
    instrument_code: "BTC_EUR",
    type: "LIMIT",
    side,
    amount: "0.01",
    price: price.toFixed(2),
    time_in_force: "GOOD_TILL_CANCELLED",
  };
}

describe("One Trading Fast: TRADING", () => {
  it("refuses a Read-only key at AUTHENTICATE, and TRADING without authentication", async () => {
    const reader = await mint("ws-fast-reader", ["READ_ONLY"], "fast");
    const ws = await open(sim.wsUrls.fast);
    ws.send({ type: "AUTHENTICATE", api_token: reader.key });
    expect((await ws.next((m) => "error" in m || m.type === "AUTHENTICATED")).msg).toEqual({
      error: "AUTHENTICATION_FAILED",
    });
    ws.send({ type: "SUBSCRIBE", channels: [{ name: "TRADING" }] });
    expect((await ws.next((m) => "error" in m || m.type === "SUBSCRIPTIONS")).msg).toEqual({
      error: "NOT_AUTHENTICATED",
    });
    // The same key still reads over REST: only the private stream is Trade-only.
    expect((await call(sim, "/account/balances", { key: reader.key })).status).toBe(200);
  });

  it("refuses a Bitpanda Pro account's key and a revoked key the same way", async () => {
    const other = await mint("ws-bp-on-fast", ["READ_ONLY", "TRADE"], "bitpanda");
    const revoked = await mint("ws-fast-revoked", ["READ_ONLY", "TRADE"], "fast");
    await control(sim, "/keys/revoke", { jti: revoked.jti });
    for (const key of [other.key, revoked.key, "not-a-key"]) {
      const ws = await open(sim.wsUrls.fast);
      ws.send({ type: "AUTHENTICATE", api_token: key });
      expect((await ws.next((m) => "error" in m || m.type === "AUTHENTICATED")).msg).toEqual({
        error: "AUTHENTICATION_FAILED",
      });
    }
  });

  it("revoking a key closes its authenticated connection at once, and only that one", async () => {
    const trader = await mint("ws-fast-revoke-live", ["READ_ONLY", "TRADE"], "fast");
    const ws = await open(sim.wsUrls.fast);
    const bystander = await open(sim.wsUrls.fast);
    ws.send({ type: "AUTHENTICATE", api_token: trader.key });
    await ws.next(is("AUTHENTICATED"));
    ws.send({ type: "SUBSCRIBE", channels: [{ name: "TRADING" }] });
    await ws.next(is("SUBSCRIPTIONS"));
    await control(sim, "/keys/revoke", { jti: trader.jti });
    expect((await ws.closed).code).toBe(1008);
    bystander.send({ type: "SUBSCRIBE", channels: [{ name: "BOOK_TICKER" }] });
    await bystander.next(is("SUBSCRIPTIONS"));
  });

  it("a Trade key's order and fill arrive as order events with the balances after them", async () => {
    const trader = await mint("ws-fast-trader", ["READ_ONLY", "TRADE"], "fast", "10000");
    const ws = await open(sim.wsUrls.fast);
    ws.send({ type: "AUTHENTICATE", api_token: trader.key });
    expect((await ws.next(is("AUTHENTICATED"))).msg).toEqual({ type: "AUTHENTICATED" });
    ws.send({ type: "SUBSCRIBE", channels: [{ name: "TRADING" }] });
    expect((await ws.next(is("SUBSCRIPTIONS"))).msg.channels).toEqual([{ name: "TRADING" }]);

    const placed = await call(sim, "/account/orders", {
      key: trader.key,
      method: "POST",
      body: order("BUY", (await askOf(sim.urls.fast)).mul("1.01")),
    });
    expect(placed.status).toBe(201);
    const id = (placed.body as { order_id: string }).order_id;
    const booked = await ws.next((m) => m.event === "ORDER" && m.order_id === id && m.status === "OPEN", "OPEN");
    expect(booked.msg).toMatchObject({ channel_name: "TRADING", type: "BOOKED", instrument_code: "BTC_EUR" });
    expect(booked.raw).toMatch(/"time":\d{19}[,}]/);
    const filled = await ws.next((m) => m.order_id === id && m.status === "FILLED_FULLY", "FILLED_FULLY");
    expect(filled.msg).toMatchObject({
      type: "FILL",
      matched_as: "TAKER",
      matched_amount: "0.01000",
      remaining: "0.00000",
      fee_currency: "BTC",
      trade_id: expect.any(String),
    });
    const rest = (await call(sim, "/account/balances", { key: trader.key })).body as {
      balances: { currency_code: string; available: string; locked: string }[];
    };
    const bals = filled.msg.bals as { c: string; a: string }[];
    const locked = filled.msg.lckd_bals as { c: string; a: string }[];
    for (const b of rest.balances) {
      expect(bals.find((x) => x.c === b.currency_code)?.a).toBe(b.available);
      expect(locked.find((x) => x.c === b.currency_code)?.a).toBe(b.locked);
    }
    expect(new Decimal(bals.find((x) => x.c === "BTC")!.a).gt(0)).toBe(true);
  });

  it("a resting order filled by a market move arrives as FILLED_FULLY; cancel-all and the dead-man switch answer", async () => {
    const trader = await mint("ws-fast-rester", ["READ_ONLY", "TRADE"], "fast", "10000");
    const ws = await open(sim.wsUrls.fast);
    ws.send({ type: "AUTHENTICATE", api_token: trader.key });
    await ws.next(is("AUTHENTICATED"));
    ws.send({ type: "SUBSCRIBE", channels: [{ name: "TRADING" }] });
    await ws.next(is("SUBSCRIPTIONS"));
    const limit = (await askOf(sim.urls.fast)).mul("0.9").toDecimalPlaces(2);
    const placed = await call(sim, "/account/orders", { key: trader.key, method: "POST", body: order("BUY", limit) });
    const id = (placed.body as { order_id: string }).order_id;
    const booked = await ws.next((m) => m.order_id === id && m.status === "OPEN", "OPEN");
    expect((booked.msg.lckd_bals as { c: string; a: string }[]).find((b) => b.c === "EUR")?.a).not.toBe("0.00");
    await control(sim, "/market/price", { instrument: "BTC_EUR", price: limit.mul("0.99").toFixed(2) });
    const filled = await ws.next((m) => m.order_id === id && m.status === "FILLED_FULLY", "the fill after the move");
    expect(filled.msg).toMatchObject({ matched_as: "MAKER", matched_price_avg: limit.toFixed(2) });
    const read = (await call(sim, `/account/orders/${id}`, { key: trader.key })).body as { order: { status: string } };
    expect(read.order.status).toBe("DONE");

    ws.send({ type: "CANCEL_ALL_ORDERS" });
    expect((await ws.next((m) => "error" in m)).msg).toEqual({ error: "no orders to cancel" });
    await control(sim, "/market/price", undefined, "DELETE");
    const low = (await askOf(sim.urls.fast)).mul("0.8").toDecimalPlaces(2);
    for (let i = 0; i < 2; i++)
      await call(sim, "/account/orders", { key: trader.key, method: "POST", body: order("BUY", low) });
    ws.send({ type: "CANCEL_ALL_ORDERS", instrument_code: "BTC_EUR" });
    expect((await ws.next(is("BOOKED", (m) => "details" in m))).msg).toEqual({
      type: "BOOKED",
      details: "cancelling 2 orders",
    });
    await ws.next((m) => m.status === "CANCELLED" && m.type === "DONE", "a cancelled order's event");

    const armed = await call(sim, "/account/orders", { key: trader.key, method: "POST", body: order("BUY", low) });
    const armedId = (armed.body as { order_id: string }).order_id;
    ws.send({ type: "CANCEL_ALL_AFTER", timeout: 30_000 });
    expect((await ws.next(is("AUTO_CANCELLATION_TIMER_SET"))).msg.timeout).toBe(30_000);
    ws.send({ type: "CANCEL_ALL_AFTER", timeout: 0 });
    await ws.next(is("AUTO_CANCELLATION_TIMER_DEACTIVATED"));
    ws.send({ type: "CANCEL_ALL_AFTER", timeout: 20 });
    await ws.next(is("AUTO_CANCELLATION_TIMER_SET"));
    await ws.next((m) => m.order_id === armedId && m.status === "CANCELLED", "the dead-man switch's cancel");
  });
});

describe("Bitpanda Pro: ACCOUNT_HISTORY", () => {
  it("wants AUTHENTICATE first and refuses a Fast account's key, in the SYSTEM error form", async () => {
    const ws = await open(sim.wsUrls.bitpanda);
    ws.send({ type: "SUBSCRIBE", channels: [{ name: "ACCOUNT_HISTORY" }] });
    expect((await ws.next(is("ERROR"))).msg).toEqual({
      error: "NOT_AUTHENTICATED",
      channel_name: "SYSTEM",
      type: "ERROR",
      time: expect.stringMatching(/\.\d{6}Z$/),
    });
    const fastKey = await mint("ws-fast-on-bp", ["READ_ONLY", "TRADE"], "fast");
    ws.send({ type: "AUTHENTICATE", api_token: fastKey.key });
    expect((await ws.next(is("ERROR"))).msg.error).toBe("AUTHENTICATION_FAILED");
  });

  it("snapshots, then a Trade key's order and its settlement as ACCOUNT_UPDATEs with balances", async () => {
    const trader = await mint("ws-bp-trader", ["READ_ONLY", "TRADE"], "bitpanda", "10000");
    const ws = await open(sim.wsUrls.bitpanda);
    ws.send({ type: "AUTHENTICATE", api_token: trader.key });
    expect((await ws.next(is("AUTHENTICATED"))).msg).toMatchObject({ channel_name: "SYSTEM" });
    ws.send({ type: "SUBSCRIBE", channels: [{ name: "ACCOUNT_HISTORY" }] });
    await ws.next(is("SUBSCRIPTIONS"));
    const balances = await ws.next(is("BALANCES_SNAPSHOT"));
    const before = (await call(sim, "/account/balances", { key: trader.key, base: sim.urls.bitpanda })).body as {
      balances: unknown[];
    };
    expect(balances.msg.balances).toEqual(before.balances);
    expect((await ws.next(is("ACTIVE_ORDERS_SNAPSHOT"))).msg.orders).toEqual([]);
    await ws.next(is("INACTIVE_ORDERS_SNAPSHOT"));

    const placed = await call(sim, "/account/orders", {
      key: trader.key,
      method: "POST",
      base: sim.urls.bitpanda,
      body: order("BUY", (await askOf(sim.urls.bitpanda)).mul("1.01")),
    });
    expect(placed.status).toBe(201);
    const id = (placed.body as { order_id: string }).order_id;
    const created = await ws.next(is("ACCOUNT_UPDATE", (m) => (m.update as { type: string }).type === "ORDER_CREATED"));
    expect((created.msg.update as { order: { order_id: string } }).order.order_id).toBe(id);
    const settled = await ws.next(is("ACCOUNT_UPDATE", (m) => (m.update as { type: string }).type === "TRADE_SETTLED"));
    const update = settled.msg.update as { trade: { order_id: string; amount: string }; order: { status: string } };
    expect(update.trade).toMatchObject({ order_id: id, amount: "0.01000" });
    expect(update.order.status).toBe("FILLED_FULLY");
    const rest = (await call(sim, "/account/balances", { key: trader.key, base: sim.urls.bitpanda })).body as {
      balances: unknown[];
    };
    expect(settled.msg.balances).toEqual(rest.balances);
  });

  it("a Read-only key may follow its account (Bitpanda Pro asks for no Trade permission)", async () => {
    const reader = await mint("ws-bp-reader", ["READ_ONLY"], "bitpanda", "50");
    const ws = await open(sim.wsUrls.bitpanda);
    ws.send({ type: "AUTHENTICATE", api_token: reader.key });
    await ws.next(is("AUTHENTICATED"));
    ws.send({ type: "SUBSCRIBE", channels: [{ name: "ACCOUNT_HISTORY" }] });
    const snap = await ws.next(is("BALANCES_SNAPSHOT"));
    expect(snap.msg.account_id).toBe(reader.accountId);
  });
});
