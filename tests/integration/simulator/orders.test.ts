// Trading as a client written from the documentation would do it, in both dialects:
// create, read back, cancel by id, by client_id, and cancel-all (DELETE /account/orders) by
// instrument, by ids and (Fast) by client_ids, with each dialect's status codes and bodies.
import { randomUUID } from "node:crypto";
import Decimal from "decimal.js";
import type { Dialect, RunningSimulator } from "@/lib/simulator";
import { call, control, DIALECTS, ORDER_NOT_FOUND, withSim } from "./helpers";

type Order = { order_id: string; client_id?: string; status: string; instrument_code: string };
type Balances = { balances: { currency_code: string; available: string; locked: string }[] };

describe.each(DIALECTS)("%s dialect", (dialect: Dialect) => {
  const fast = dialect === "fast";
  let sim: RunningSimulator;
  let key: string;
  let low: string;

  beforeAll(async () => {
    sim = await withSim({ dialect, accountLimitPerMinute: 10_000, ipLimitPerMinute: 10_000 });
    key = String(
      (await control(sim, "/keys", { scopes: ["READ_ONLY", "TRADE"], account: `orders-${dialect}`, orders: 0 })).key,
    );
    const t = (await call(sim, "/market-ticker/BTC_EUR")).body as { last_price: string };
    low = (Number(t.last_price) * 0.5).toFixed(2);
  });
  afterAll(() => sim.close());

  const place = async (body: Record<string, unknown> = {}) => {
    const res = await call(sim, "/account/orders", {
      key,
      method: "POST",
      body: { instrument_code: "BTC_EUR", type: "LIMIT", side: "BUY", amount: "0.00100", price: low, ...body },
    });
    expect(res.status).toBe(201);
    return res.body as Order;
  };
  const eur = async () =>
    ((await call(sim, "/account/balances", { key })).body as Balances).balances.find((b) => b.currency_code === "EUR")!;
  const statusOf = async (id: string) =>
    ((await call(sim, `/account/orders/${id}`, { key })).body as { order: Order }).order.status;
  const OPEN = fast ? "BOOKED" : "OPEN";
  const CANCELLED = fast ? "CANCELLED" : "CLOSED";

  it("create → read back → cancel by id returns the funds", async () => {
    const before = await eur();
    const o = await place();
    expect(o.status).toBe("OPEN");
    expect(new Decimal((await eur()).locked).sub(before.locked).toFixed(2)).toBe(
      new Decimal(low).mul("0.001").toDecimalPlaces(2, Decimal.ROUND_UP).toFixed(2),
    );
    expect(await statusOf(o.order_id)).toBe(OPEN);
    const cancelled = await call(sim, `/account/orders/${o.order_id}`, { key, method: "DELETE" });
    if (fast) expect(cancelled).toMatchObject({ status: 200, body: { order_id: o.order_id, status: "CANCELLED" } });
    else expect({ status: cancelled.status, text: cancelled.text }).toEqual({ status: 204, text: "" });
    expect(await statusOf(o.order_id)).toBe(CANCELLED);
    expect((await eur()).available).toBe(before.available);
    expect(await call(sim, `/account/orders/${o.order_id}`, { key, method: "DELETE" })).toMatchObject({
      status: 404,
      body: { error: ORDER_NOT_FOUND[dialect] },
    });
  });

  it("cancel by client_id (DELETE /account/orders/client/{client_id})", async () => {
    const clientId = randomUUID();
    const o = await place({ client_id: clientId });
    const res = await call(sim, `/account/orders/client/${clientId}`, { key, method: "DELETE" });
    if (fast) {
      expect(res.status).toBe(200);
      expect(Object.keys(res.body as object).sort()).toEqual([
        "account_id",
        "amount",
        "client_id",
        "instrument_code",
        "order_id",
        "price",
        "side",
        "status",
        "time",
        "type",
      ]);
      expect(res.body).toMatchObject({ order_id: o.order_id, client_id: clientId, status: "CANCELLED" });
    } else {
      expect(res.status).toBe(204);
    }
    expect(await statusOf(o.order_id)).toBe(CANCELLED);
    expect(await call(sim, `/account/orders/client/${clientId}`, { key, method: "DELETE" })).toMatchObject({
      status: 404,
      body: { error: ORDER_NOT_FOUND[dialect] },
    });
  });

  it("client_id reuse: Bitpanda Pro refuses it while active; Fast acts on the latest order", async () => {
    const clientId = randomUUID();
    const first = await place({ client_id: clientId });
    const again = await call(sim, "/account/orders", {
      key,
      method: "POST",
      body: {
        instrument_code: "BTC_EUR",
        type: "LIMIT",
        side: "BUY",
        amount: "0.00100",
        price: low,
        client_id: clientId,
      },
    });
    if (!fast) {
      expect(again).toMatchObject({ status: 422, body: { error: "DUPLICATE_CLIENT_ID" } });
      expect((await call(sim, `/account/orders/client/${clientId}`, { key })).status).toBe(404); // not a Bitpanda Pro route
      await call(sim, `/account/orders/${first.order_id}`, { key, method: "DELETE" });
      return;
    }
    expect(again.status).toBe(201);
    const second = again.body as Order;
    const got = await call(sim, `/account/orders/client/${clientId}`, { key });
    expect(got).toMatchObject({
      status: 200,
      body: { order: { order_id: second.order_id, status: "BOOKED" }, trades: [] },
    });
    await call(sim, `/account/orders/client/${clientId}`, { key, method: "DELETE" });
    expect(await statusOf(second.order_id)).toBe("CANCELLED");
    expect(await statusOf(first.order_id)).toBe("BOOKED");
    await call(sim, `/account/orders/client/${clientId}`, { key, method: "DELETE" });
    expect(await statusOf(first.order_id)).toBe("CANCELLED");
  });

  it("cancel-all: by instrument, by ids, (Fast) by client_ids, and everything", async () => {
    const eth = (await call(sim, "/market-ticker/ETH_EUR")).body as { last_price: string };
    const ethOrder = await place({
      instrument_code: "ETH_EUR",
      amount: "0.0100",
      price: (Number(eth.last_price) * 0.5).toFixed(2),
    });
    const a = await place();
    const b = await place();
    const cid = randomUUID();
    const c = await place({ client_id: cid });
    const byInst = await call(sim, "/account/orders?instrument_code=ETH_EUR", { key, method: "DELETE" });
    expect(byInst).toMatchObject({ status: 200, body: [ethOrder.order_id] });
    const byIds = await call(sim, `/account/orders?ids=${a.order_id},${randomUUID()}`, { key, method: "DELETE" });
    expect(byIds).toMatchObject({ status: 200, body: [a.order_id] });
    if (fast)
      expect(await call(sim, `/account/orders?client_ids=${cid}`, { key, method: "DELETE" })).toMatchObject({
        status: 200,
        body: [c.order_id],
      });
    const rest = await call(sim, "/account/orders", { key, method: "DELETE" });
    expect((rest.body as string[]).sort()).toEqual((fast ? [b.order_id] : [b.order_id, c.order_id]).sort());
    expect((await call(sim, "/account/orders", { key })).body).toMatchObject({ order_history: [] });
  });

  it("an order that crosses fills at once (Fast: DONE, with matched_as and a two-field fee)", async () => {
    const t = (await call(sim, "/market-ticker/BTC_EUR")).body as Record<string, string>;
    const ask = fast ? t.lowest_ask! : t.best_ask!;
    expect(fast ? t.best_ask : t.lowest_ask).toBeUndefined();
    const o = await place({ price: (Number(ask) * 1.01).toFixed(2) });
    const got = (await call(sim, `/account/orders/${o.order_id}`, { key })).body as {
      order: Order;
      trades: { trade: Record<string, unknown>; fee: Record<string, unknown> }[];
    };
    expect(got.order.status).toBe(fast ? "DONE" : "FILLED_FULLY");
    expect(got.trades).toHaveLength(1);
    if (fast) {
      expect(got.trades[0]!.trade.matched_as).toBe("TAKER");
      expect(Object.keys(got.trades[0]!.fee).sort()).toEqual(["fee_amount", "fee_currency"]);
      expect(typeof got.trades[0]!.trade.sequence).toBe("string");
    } else {
      expect(got.trades[0]!.fee.fee_type).toBe("TAKER");
      expect(typeof got.trades[0]!.trade.sequence).toBe("number");
    }
  });

  if (fast) {
    it("POST_ONLY that would cross is not filled; FILL_OR_KILL that cannot fill shows INSUFFICIENT_LIQUIDITY", async () => {
      const t = (await call(sim, "/market-ticker/BTC_EUR")).body as { lowest_ask: string };
      const post = await place({ price: (Number(t.lowest_ask) * 1.01).toFixed(2), time_in_force: "POST_ONLY" });
      expect(await statusOf(post.order_id)).toBe("CANCELLED");
      const fok = await place({ time_in_force: "FILL_OR_KILL" });
      expect(fok.status).toBe("INSUFFICIENT_LIQUIDITY");
    });

    it("perpetuals trade on Fast: a BTC_EUR_P position shows as a balance", async () => {
      const t = (await call(sim, "/market-ticker/BTC_EUR_P")).body as { lowest_ask: string };
      await place({ instrument_code: "BTC_EUR_P", amount: "0.0010", price: (Number(t.lowest_ask) * 1.01).toFixed(2) });
      const perp = ((await call(sim, "/account/balances", { key })).body as Balances).balances.find(
        (b) => b.currency_code === "BTC_EUR_P",
      );
      expect(Number(perp?.available)).toBeGreaterThan(0);
    });
  }
});
