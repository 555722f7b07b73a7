// Every endpoint's response validates against a schema written from the API reference.
import { z } from "zod";
import Decimal from "decimal.js";
import * as S from "@/lib/exchange/schemas";
import type { RunningSimulator } from "@/lib/simulator";
import { call, control, withSim } from "./helpers";

const dec = S.decimalString;
const iso = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
const uuid = z.uuid();
const publicFees = z.array(
  z.object({
    fee_group_id: z.string(),
    display_text: z.string(),
    fee_tiers: z.array(z.object({ volume: dec, fee_group_id: z.string(), maker_fee: dec, taker_fee: dec })),
    fee_discount_rate: dec,
    minimum_price_value: dec,
  }),
);
const l2 = z.object({ price: dec, amount: dec, number_of_orders: z.number().int() });
const l3 = z.object({ price: dec, amount: dec, order_id: z.string() });
const candle = z.object({
  instrument_code: z.string(),
  granularity: z.object({ unit: z.string(), period: z.number() }),
  high: dec,
  low: dec,
  open: dec,
  close: dec,
  total_amount: dec,
  volume: dec,
  time: iso,
  last_sequence: z.number(),
});
const tx = z.object({
  transaction_id: uuid,
  account_id: uuid,
  amount: dec,
  type: z.enum(["CRYPTO", "FIAT"]),
  funds_source: z.enum(["INTERNAL", "EXTERNAL"]),
  time: iso,
  currency: z.string(),
  fee_amount: dec,
  fee_currency: z.string(),
});
const createdOrder = z.object({
  order_id: uuid,
  account_id: uuid,
  instrument_code: z.string(),
  time: iso,
  side: z.enum(["BUY", "SELL"]),
  amount: dec,
  filled_amount: dec,
  type: z.string(),
  status: z.string(),
});

let sim: RunningSimulator;
let readKey: string;
let allKey: string;

beforeAll(async () => {
  sim = await withSim();
  readKey = sim.demoKeys["demo-small"]!.key;
  allKey = sim.demoKeys["demo-all"]!.key;
});
afterAll(() => sim.close());

async function expectShape(path: string, schema: z.ZodType, key?: string) {
  const res = await call(sim, path, { key });
  expect(res.status).toBe(200);
  const parsed = schema.safeParse(res.body);
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.message}`);
  return parsed.data;
}

it.each<[string, z.ZodType]>([
  ["/time", S.timeSchema],
  ["/currencies", S.currenciesSchema],
  ["/instruments", S.instrumentsSchema],
  ["/fees", publicFees],
  ["/market-ticker", S.marketTickersSchema],
  ["/market-ticker/BTC_EUR", S.marketTickerSchema],
  [
    "/order-book/BTC_EUR?level=1",
    z.object({ instrument_code: z.string(), time: iso, asks: z.object({ value: l2 }), bids: z.object({ value: l2 }) }),
  ],
  [
    "/order-book/BTC_EUR?level=2&depth=5",
    z.object({ instrument_code: z.string(), time: iso, asks: z.array(l2).length(5), bids: z.array(l2).length(5) }),
  ],
  ["/order-book/BTC_EUR", z.object({ instrument_code: z.string(), time: iso, asks: z.array(l3), bids: z.array(l3) })],
  [
    `/candlesticks/ETH_EUR?unit=HOURS&period=1&from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z`,
    z.array(candle).min(24),
  ],
])("public %s matches the reference", async (path, schema) => {
  await expectShape(path, schema);
});

it("private read endpoints match the reference", async () => {
  await expectShape("/account/balances", S.balancesSchema, readKey);
  await expectShape("/account/fees", S.accountFeesSchema, readKey);
  await expectShape("/account/trading-volume", S.tradingVolumeSchema, readKey);
  const orders = (await expectShape(
    "/account/orders?with_cancelled_and_rejected=true&max_page_size=10",
    S.orderHistorySchema,
    readKey,
  )) as S.OrderHistory;
  expect(orders.order_history).toHaveLength(10);
  const filled = orders.order_history.find((o) => o.order.status === "FILLED_FULLY")!;
  await expectShape(`/account/orders/${filled.order.order_id}`, S.singleOrderSchema, readKey);
  await expectShape(`/account/orders/${filled.order.order_id}/trades`, S.tradeHistorySchema, readKey);
  const trades = (await expectShape(
    "/account/trades?max_page_size=5",
    S.tradeHistorySchema,
    readKey,
  )) as S.TradeHistory;
  await expectShape(`/account/trades/${trades.trade_history[0]!.trade.trade_id}`, S.tradeEntrySchema, readKey);
  await expectShape(
    "/account/deposits",
    z.object({ deposit_history: z.array(tx).min(1), max_page_size: z.number() }),
    readKey,
  );
  await expectShape(
    "/account/withdrawals",
    z.object({ withdrawal_history: z.array(tx), max_page_size: z.number() }),
    readKey,
  );
});

it("amounts are decimal strings at instrument precision, times ISO with milliseconds", async () => {
  const res = await call(sim, "/account/orders?with_cancelled_and_rejected=true&max_page_size=50", { key: readKey });
  const body = res.body as S.OrderHistory;
  for (const { order } of body.order_history) {
    expect(order.time).toMatch(/\.\d{3}Z$/);
    if (order.instrument_code === "BTC_EUR") {
      expect(order.amount).toMatch(/^\d+\.\d{5}$/);
      if (order.price) expect(order.price).toMatch(/^\d+\.\d{2}$/);
    }
  }
});

it("placing, listing and cancelling orders keeps statuses and balances consistent", async () => {
  const before = (await call(sim, "/account/balances", { key: allKey })).body as S.Balances;
  const eur = (b: S.Balances) => b.balances.find((x) => x.currency_code === "EUR")!;
  const ticker = (await call(sim, "/market-ticker/BTC_EUR")).body as S.MarketTicker;
  const lowPrice = (Number(ticker.last_price) * 0.5).toFixed(2);
  const placed = await call(sim, "/account/orders", {
    key: allKey,
    method: "POST",
    body: { instrument_code: "BTC_EUR", type: "LIMIT", side: "BUY", amount: "0.01000", price: lowPrice },
  });
  expect(placed.status).toBe(201);
  const order = createdOrder.parse(placed.body);
  expect(order.status).toBe("OPEN");
  const locked = (await call(sim, "/account/balances", { key: allKey })).body as S.Balances;
  // Exactly price x amount, rounded up to the cent.
  const expectedLock = new Decimal(lowPrice).mul("0.01").toDecimalPlaces(2, Decimal.ROUND_UP);
  expect(new Decimal(eur(locked).locked).sub(eur(before).locked).toFixed(2)).toBe(expectedLock.toFixed(2));
  const open = (await call(sim, "/account/orders", { key: allKey })).body as S.OrderHistory;
  expect(open.order_history.map((o) => o.order.order_id)).toContain(order.order_id);
  expect((await call(sim, `/account/orders/${order.order_id}`, { key: allKey, method: "DELETE" })).status).toBe(204);
  const after = (await call(sim, "/account/balances", { key: allKey })).body as S.Balances;
  expect(eur(after).available).toBe(eur(before).available);
  const closed = (await call(sim, `/account/orders/${order.order_id}`, { key: allKey })).body as { order: S.Order };
  expect(closed.order.status).toBe("CLOSED");

  const market = await call(sim, "/account/orders", {
    key: allKey,
    method: "POST",
    body: { instrument_code: "BTC_EUR", type: "MARKET", side: "BUY", amount: "0.00100" },
  });
  expect(market.status).toBe(201);
  const mo = (await call(sim, `/account/orders/${(market.body as { order_id: string }).order_id}`, { key: allKey }))
    .body as { order: S.Order; trades: S.TradeEntry[] };
  expect(mo.order.status).toBe("FILLED_FULLY");
  expect(mo.trades).toHaveLength(1);
  expect(mo.trades[0]!.fee.fee_currency).toBe("BTC");
  expect(mo.trades[0]!.fee.fee_type).toBe("TAKER");
});

it("the control API reports who we are and mints keys for new accounts", async () => {
  expect(await control(sim, "/whoami")).toEqual({ ip: "127.0.0.1" });
  const minted = await control(sim, "/keys", { scopes: ["READ_ONLY"], account: "fresh-account" });
  const res = await call(sim, "/account/balances", { key: String(minted.key) });
  expect(res.status).toBe(200);
  expect((res.body as S.Balances).account_id).toBe(minted.accountId);
});
