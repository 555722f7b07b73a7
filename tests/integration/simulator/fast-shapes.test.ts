// One Trading Fast (/fast/v1): every endpoint's body validates against a schema written from
// lib/exchange/REFERENCE.md's Fast rows (§§3-6), and what Fast does not have answers like an unknown path.
import { z } from "zod";
import type { RunningSimulator } from "@/lib/simulator";
import { call, control, withSim } from "./helpers";

const dec = z.string().regex(/^-?\d+(\.\d+)?$/);
const iso = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
const uuid = z.uuid();
const seq = z.string().regex(/^\d+$/);
const ticker = z
  .object({
    instrument_code: z.string(),
    sequence: seq,
    time: iso,
    state: z.string(),
    is_frozen: z.number(),
    quote_volume: dec,
    base_volume: dec,
    last_price: dec,
    highest_bid: dec,
    lowest_ask: dec,
    price_change: dec,
    price_change_percentage: dec,
    high: dec,
    low: dec,
  })
  .strict();
const level = z.object({ price: dec, amount: dec }).strict();
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
  last_sequence: seq,
});
const instrument = z.object({
  id: z.string(),
  type: z.enum(["SPOT", "PERP"]),
  state: z.literal("ACTIVE"),
  base: z.object({ code: z.string(), precision: z.number() }),
  quote: z.object({ code: z.string(), precision: z.number() }),
  amount_precision: z.number(),
  market_precision: z.number(),
  min_size: dec,
  min_price: dec,
  max_price: dec,
});
const currency = z.object({
  code: z.string(),
  precision: z.number(),
  unified_cryptoasset_id: z.number(),
  name: z.string(),
  collateral_percentage: z.string(),
});
const tier = z.object({ volume: dec, fee_group_id: z.enum(["SPOT", "FUTURES"]), maker_fee: dec, taker_fee: dec });
const publicFees = z
  .array(
    z.object({
      fee_group_id: z.enum(["SPOT", "FUTURES"]),
      display_text: z.string(),
      volume_currency: z.literal("EUR"),
      fee_tiers: z.array(tier).min(1),
    }),
  )
  .length(2);
const balances = z
  .object({
    account_id: uuid,
    balances: z.array(z.object({ currency_code: z.string(), available: dec, locked: dec, time: iso }).strict()).min(1),
    account_equity: dec,
    margin_available: dec,
    margin_used: dec,
  })
  .strict();
const accountFees = z
  .object({
    account_id: uuid,
    running_volumes: z
      .array(z.object({ fee_group_id: z.enum(["SPOT", "FUTURES"]), volume: z.number(), currency: z.literal("EUR") }))
      .length(2),
    active_fee_tiers: z
      .array(
        z.object({
          fee_group_id: z.enum(["SPOT", "FUTURES"]),
          volume: z.number(),
          maker_fee: z.string().regex(/^\d+\.\d{4}$/),
          taker_fee: z.string().regex(/^\d+\.\d{4}$/),
        }),
      )
      .length(2),
  })
  .strict();
export const fastOrder = z
  .object({
    order_id: uuid,
    client_id: uuid.optional(),
    account_id: uuid,
    instrument_code: z.string(),
    time: iso,
    time_last_updated: iso,
    side: z.enum(["BUY", "SELL"]),
    type: z.literal("LIMIT"),
    amount: dec,
    filled_amount: dec,
    price: dec,
    average_price: dec.optional(),
    time_in_force: z.enum(["GOOD_TILL_CANCELLED", "IMMEDIATE_OR_CANCELLED", "FILL_OR_KILL", "POST_ONLY"]),
    sequence: seq,
    status: z.enum([
      "OPEN",
      "BOOKED",
      "FILLED",
      "DONE",
      "CANCELLED",
      "INSUFFICIENT_FUNDS",
      "INSUFFICIENT_LIQUIDITY",
      "REJECTED",
    ]),
    total_fee: dec.optional(),
    fee_currency: z.string().optional(),
  })
  .strict();
export const fastTrade = z
  .object({
    trade: z
      .object({
        trade_id: uuid,
        order_id: uuid,
        account_id: uuid,
        amount: dec,
        side: z.enum(["BUY", "SELL"]),
        instrument_code: z.string(),
        price: dec,
        time: iso,
        time_nanos: seq,
        sequence: seq,
        matched_as: z.enum(["MAKER", "TAKER"]),
        order_type: z.literal("LIMIT").optional(),
      })
      .strict(),
    fee: z.object({ fee_amount: dec, fee_currency: z.string() }).strict(),
  })
  .strict();
const orderHistory = z
  .object({
    order_history: z.array(z.object({ order: fastOrder, trades: z.array(fastTrade).optional() })),
    max_page_size: z.number(),
    cursor: z.string().optional(),
  })
  .strict();
const tradeHistory = z
  .object({ trade_history: z.array(fastTrade), max_page_size: z.number(), cursor: z.string().optional() })
  .strict();

// A window inside the last 30 days (Fast's reach for single-order and trade lookups).
const DAY = 86_400_000;
const WINDOW = `from=${new Date(Date.now() - 25 * DAY).toISOString()}&to=${new Date(Date.now() - DAY).toISOString()}`;

let sim: RunningSimulator;
let busy: string;
let futures: string;
beforeAll(async () => {
  sim = await withSim({ dialect: "fast", accountLimitPerMinute: 10_000, ipLimitPerMinute: 10_000 });
  busy = sim.demoKeys["demo-busy"]!.key;
  futures = sim.demoKeys["demo-futures"]!.key;
});
afterAll(() => sim.close());

async function expectShape<T>(path: string, schema: z.ZodType<T>, key?: string): Promise<T> {
  const res = await call(sim, path, { key });
  expect(res.status).toBe(200);
  const parsed = schema.safeParse(res.body);
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.message}`);
  return parsed.data;
}

it("serves under /fast/v1 and names the other base", () => {
  expect(sim.url).toMatch(/\/fast\/v1$/);
  expect(sim.dialect).toBe("fast");
  expect(sim.urls.bitpanda).toMatch(/\/public\/v1$/);
});

it.each<[string, z.ZodType]>([
  ["/time", z.object({ iso, epoch_millis: z.number() })],
  ["/currencies", z.array(currency).min(5)],
  ["/instruments", z.array(instrument).min(8)],
  [
    "/instruments?type=PERP",
    z.array(instrument.extend({ type: z.literal("PERP"), id: z.string().regex(/_P$/) })).length(2),
  ],
  ["/fees", publicFees],
  ["/market-ticker", z.array(ticker).min(9)],
  ["/market-ticker/BTC_EUR", ticker],
  ["/market-ticker/BTC_EUR_P", ticker],
  [
    "/order-book/BTC_EUR",
    z
      .object({
        instrument_code: z.literal("BTC_EUR"),
        time: z.number(),
        asks: z.array(level).length(16),
        bids: z.array(level).length(16),
      })
      .strict(),
  ],
  [
    "/order-book/BTC_EUR_P?depth=4&level=2",
    z.object({
      instrument_code: z.literal("BTC_EUR_P"),
      time: z.number(),
      asks: z.array(level).length(4),
      bids: z.array(level).length(4),
    }),
  ],
  [
    "/candlesticks/ETH_EUR?unit=HOURS&period=1&from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z",
    z.object({ status: z.literal("data"), candlesticks: z.array(candle).min(24) }).strict(),
  ],
  [
    "/candlesticks/BTC_EUR_P?unit=MINUTES&period=5&to=2026-11-02T00:00:00Z&countBack=12",
    z.object({ status: z.literal("data"), candlesticks: z.array(candle).length(12) }),
  ],
])("public %s matches the reference", async (path, schema) => {
  await expectShape(path, schema);
});

it("order-book times are integer nanoseconds, written exactly", async () => {
  const res = await call(sim, "/order-book/BTC_EUR?depth=1");
  const ns = /"time":(\d+)/.exec(res.text)?.[1];
  expect(ns).toMatch(/^\d{19}$/);
  expect(Math.abs(Number(BigInt(ns!) / 1_000_000n) - Date.now())).toBeLessThan(60_000);
});

it("private reads match the reference", async () => {
  await expectShape("/account/balances", balances, busy);
  await expectShape("/account/fees", accountFees, busy);
  const orders = await expectShape(
    `/account/orders?with_cancelled_and_rejected=true&max_page_size=20&${WINDOW}`,
    orderHistory,
    busy,
  );
  expect(orders.order_history).toHaveLength(20);
  const statuses = new Set(orders.order_history.map((o) => o.order.status));
  expect(statuses).toContain("DONE");
  expect(statuses).toContain("CANCELLED");
  const done = orders.order_history.find((o) => o.order.status === "DONE" && (o.trades ?? []).length > 0)!;
  expect(done.order.total_fee).toBeDefined();
  const single = await expectShape(
    `/account/orders/${done.order.order_id}`,
    z.object({ order: fastOrder, trades: z.array(fastTrade).min(1) }).strict(),
    busy,
  );
  await expectShape(`/account/orders/${done.order.order_id}/trades`, tradeHistory, busy);
  const tradeId = single.trades[0]!.trade.trade_id;
  await expectShape(`/account/trade/${tradeId}`, fastTrade, busy);
  // The Bitpanda Pro path (plural) is not a Fast path.
  expect(await call(sim, `/account/trades/${tradeId}`, { key: busy })).toMatchObject({
    status: 404,
    body: { error: "NOT_FOUND" },
  });
  await expectShape(`/account/trades?max_page_size=5&${WINDOW}`, tradeHistory, busy);
});

it("rejections show as statuses", async () => {
  const statuses = new Set<string>();
  let cursor = "";
  for (let page = 0; page < 5; page++) {
    const res = await call(
      sim,
      `/account/orders?with_cancelled_and_rejected=true&with_just_orders=true&max_page_size=100&${WINDOW}${cursor}`,
      { key: busy },
    );
    const body = orderHistory.parse(res.body);
    for (const o of body.order_history) statuses.add(o.order.status);
    if (!body.cursor) break;
    cursor = `&cursor=${encodeURIComponent(body.cursor)}`;
  }
  expect(statuses).toContain("INSUFFICIENT_FUNDS");
  expect(statuses).not.toContain("REJECTED");
  expect(statuses).not.toContain("FILLED_FULLY");
});

it.each(["/account/trading-volume", "/account/deposits", "/account/withdrawals", "/account/deposit/crypto/BTC"])(
  "%s does not exist on Fast → 404 NOT_FOUND",
  async (path) => {
    expect(await call(sim, path, { key: busy })).toMatchObject({ status: 404, body: { error: "NOT_FOUND" } });
  },
);

it("/price-ticks does not exist on Fast", async () => {
  expect(await call(sim, "/price-ticks/BTC_EUR")).toMatchObject({ status: 404, body: { error: "NOT_FOUND" } });
});

it("demo-futures holds perpetual (futures) balances next to spot ones, priced by the perpetuals' tickers", async () => {
  const body = await expectShape("/account/balances", balances, futures);
  const codes = body.balances.map((b) => b.currency_code);
  expect(codes).toEqual(expect.arrayContaining(["EUR", "BTC", "BTC_EUR_P", "ETH_EUR_P"]));
  const fees = await expectShape("/account/fees", accountFees, futures);
  expect(fees.running_volumes.find((v) => v.fee_group_id === "FUTURES")!.volume).toBeGreaterThan(0);
  const trades = await expectShape(
    `/account/trades?instrument_code=BTC_EUR_P,ETH_EUR_P&${WINDOW}`,
    tradeHistory,
    futures,
  );
  for (const t of trades.trade_history) expect(t.trade.instrument_code).toMatch(/_P$/);
  // Perpetuals are Fast only: the legacy dialect does not list them.
  const legacy = await call(sim, "/instruments", { base: sim.urls.bitpanda });
  expect((legacy.body as { base: { code: string } }[]).length).toBe(7);
  expect((await call(sim, "/market-ticker/BTC_EUR_P", { base: sim.urls.bitpanda })).status).toBe(400);
});

it("fees combine the volumes of a main account and its subaccounts (demo-trade and its subaccount demo-futures)", async () => {
  const main = await expectShape("/account/fees", accountFees, sim.demoKeys["demo-trade"]!.key);
  const sub = await expectShape("/account/fees", accountFees, futures);
  expect(sub.running_volumes).toEqual(main.running_volumes);
  const accounts = ["demo-trade", "demo-futures"].map((n) => sim.state.accounts.get(sim.demoKeys[n]!.accountId)!);
  const spot = accounts
    .flatMap((a) => a.trades)
    .filter((t) => !t.instrument_code.endsWith("_P"))
    .reduce((s, t) => s + Number(t.amount.mul(t.price).toFixed(8)), 0);
  expect(main.running_volumes.find((v) => v.fee_group_id === "SPOT")!.volume).toBeCloseTo(spot, 1);
  // A fresh subaccount (control API) joins the family; an unrelated account does not.
  const child = await call(sim, "/account/fees", {
    key: String(
      (
        await control(sim, "/keys", {
          scopes: ["READ_ONLY"],
          account: "trade-child",
          subaccountOf: "demo-trade",
          orders: 0,
        })
      ).key,
    ),
  });
  expect((child.body as z.infer<typeof accountFees>).running_volumes).toEqual(main.running_volumes);
  const loner = await call(sim, "/account/fees", { key: busy });
  expect((loner.body as z.infer<typeof accountFees>).running_volumes).not.toEqual(main.running_volumes);
});
