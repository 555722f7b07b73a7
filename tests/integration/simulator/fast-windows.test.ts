// One Trading Fast's history windows (lib/exchange/REFERENCE.md §5.4) on a controlled clock: at most 30 days per
// query (HTTP 400 beyond), inactive orders look back 1 day without dates, trades from
// midnight UTC 7 days back, single-order and trade lookups reach back 30 days only.
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { call, control } from "./helpers";

const DAY = 86_400_000;
const T0 = Date.parse("2026-11-24T12:00:00.000Z");
let clock = T0;
let sim: RunningSimulator;
let key: string;

type Listed = { order_history: { order: { order_id: string; status: string } }[] };
type Trades = { trade_history: { trade: { trade_id: string } }[] };
const ids = (b: unknown) => (b as Listed).order_history.map((o) => o.order.order_id);
const tradeIds = (b: unknown) => (b as Trades).trade_history.map((t) => t.trade.trade_id);

async function place(price: "low" | "high", clientId?: string) {
  const t = (await call(sim, "/market-ticker/BTC_EUR")).body as { last_price: string };
  const p = (Number(t.last_price) * (price === "low" ? 0.5 : 2)).toFixed(2);
  const res = await call(sim, "/account/orders", {
    key,
    method: "POST",
    body: {
      instrument_code: "BTC_EUR",
      type: "LIMIT",
      side: "BUY",
      amount: "0.00100",
      price: p,
      ...(clientId ? { client_id: clientId } : {}),
    },
  });
  expect(res.status).toBe(201);
  return res.body as { order_id: string; status: string };
}

beforeEach(async () => {
  clock = T0;
  sim = await startSimulator({
    port: 0,
    controlPort: 0,
    seed: "windows",
    dialect: "fast",
    accountLimitPerMinute: 10_000,
    ipLimitPerMinute: 10_000,
    now: () => clock,
  });
  // A fresh account without generated history, so every order and trade here is ours.
  const minted = await control(sim, "/keys", { scopes: ["READ_ONLY", "TRADE"], account: "windows", orders: 0 });
  key = String(minted.key);
});
afterEach(() => sim.close());

it("a from–to window of at most 30 days; wider → 400 ACCOUNT_HISTORY_TIME_RANGE_TOO_BIG", async () => {
  const to = new Date(T0).toISOString();
  const ok30 = new Date(T0 - 30 * DAY).toISOString();
  const over = new Date(T0 - 30 * DAY - 1).toISOString();
  expect((await call(sim, `/account/orders?from=${ok30}&to=${to}`, { key })).status).toBe(200);
  expect((await call(sim, `/account/trades?from=${ok30}&to=${to}`, { key })).status).toBe(200);
  expect(
    await call(sim, `/account/orders?with_cancelled_and_rejected=true&from=${over}&to=${to}`, { key }),
  ).toMatchObject({ status: 400, body: { error: "ACCOUNT_HISTORY_TIME_RANGE_TOO_BIG" } });
  expect(await call(sim, `/account/trades?from=${over}&to=${to}`, { key })).toMatchObject({
    status: 400,
    body: { error: "ACCOUNT_HISTORY_TIME_RANGE_TOO_BIG" },
  });
  // Only `from`: `to` is now, so an old `from` is a window that is too wide.
  expect((await call(sim, "/account/trades?from=2026-01-01", { key })).status).toBe(400);
  // `from` may not be in the future.
  expect(await call(sim, `/account/trades?from=${new Date(T0 + DAY).toISOString()}`, { key })).toMatchObject({
    status: 400,
    body: { error: "INVALID_ACCOUNT_HISTORY_FROM_TIME" },
  });
});

it("times may be ISO with µs, epoch s/ms/µs/ns or a bare date", async () => {
  const filled = await place("high");
  const [tr] = tradeIds((await call(sim, "/account/trades", { key })).body);
  expect(tr).toBeDefined();
  const s = Math.floor((T0 - DAY) / 1000);
  for (const from of [
    "2026-11-24T11:00:00.000000Z",
    String(s),
    String(s * 1000),
    `${s * 1000}000`,
    `${s * 1000}000000`,
    "2026-11-24",
  ]) {
    const res = await call(sim, `/account/trades?from=${from}&to=${T0 + 1}`, { key });
    expect([from, res.status, tradeIds(res.body)]).toEqual([from, 200, [tr]]);
  }
  expect(filled.status).toBe("DONE");
});

it("inactive orders without dates: the last day only; open orders without flags: all of them", async () => {
  const old = await place("low");
  expect(old.status).toBe("OPEN");
  expect((await call(sim, `/account/orders/${old.order_id}`, { key, method: "DELETE" })).status).toBe(200);
  const resting = await place("low");
  clock += 2 * DAY;
  const recent = await place("low");
  await call(sim, `/account/orders/${recent.order_id}`, { key, method: "DELETE" });
  const inactive = ids((await call(sim, "/account/orders?with_cancelled_and_rejected=true", { key })).body);
  expect(inactive).toContain(recent.order_id);
  expect(inactive).not.toContain(old.order_id);
  expect(inactive).not.toContain(resting.order_id); // resting but placed 2 days ago: outside the 1-day look-back
  expect(ids((await call(sim, "/account/orders", { key })).body)).toEqual([resting.order_id]);
  const window = `from=${new Date(T0 - DAY).toISOString()}&to=${new Date(T0 + DAY).toISOString()}`;
  expect(ids((await call(sim, `/account/orders?with_cancelled_and_rejected=true&${window}`, { key })).body)).toEqual(
    expect.arrayContaining([old.order_id, resting.order_id]),
  );
});

it("trades without dates: from midnight UTC 7 days back to now", async () => {
  await place("high"); // a fill at T0 = 2026-11-24 12:00
  const [tr] = tradeIds((await call(sim, "/account/trades", { key })).body);
  clock = Date.parse("2026-12-01T23:00:00.000Z"); // 7 days back = 11-24 23:00, midnight = 11-24 00:00
  expect(tradeIds((await call(sim, "/account/trades", { key })).body)).toEqual([tr]);
  clock = Date.parse("2026-12-02T00:30:00.000Z"); // midnight 7 days back = 11-25 00:00
  expect(tradeIds((await call(sim, "/account/trades", { key })).body)).toEqual([]);
});

it("single-order, client_id and trade lookups reach back 30 days only", async () => {
  const clientId = "6f1c2e0a-3b7d-4e2a-9c1f-0d4b8e7a5c21";
  const o = await place("high", clientId);
  const [tr] = tradeIds((await call(sim, "/account/trades", { key })).body);
  clock = T0 + 29 * DAY;
  expect((await call(sim, `/account/orders/${o.order_id}`, { key })).status).toBe(200);
  expect((await call(sim, `/account/orders/client/${clientId}`, { key })).status).toBe(200);
  expect((await call(sim, `/account/orders/${o.order_id}/trades`, { key })).status).toBe(200);
  expect((await call(sim, `/account/trade/${tr!}`, { key })).status).toBe(200);
  clock = T0 + 31 * DAY;
  expect(await call(sim, `/account/orders/${o.order_id}`, { key })).toMatchObject({
    status: 404,
    body: { error: "Order not found." },
  });
  expect(await call(sim, `/account/orders/client/${clientId}`, { key })).toMatchObject({
    status: 404,
    body: { error: "Order not found." },
  });
  expect((await call(sim, `/account/orders/${o.order_id}/trades`, { key })).status).toBe(404);
  expect(await call(sim, `/account/trade/${tr!}`, { key })).toMatchObject({
    status: 404,
    body: { error: "NOT_FOUND" },
  });
});
