// Walks the whole 50,000-order account page by page: no duplicate, no gap, newest first;
// and, in both dialects, a 30-day window (the most Fast allows in one query).
import type { Dialect, RunningSimulator } from "@/lib/simulator";
import type { OrderHistory, TradeHistory } from "@/lib/exchange/schemas";
import { call, DIALECTS, withSim } from "./helpers";

// Each walk is ~500 requests over HTTP: seconds on a quiet machine, a minute or more on a busy one.
jest.setTimeout(240_000);

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await withSim({ accountLimitPerMinute: 100_000, ipLimitPerMinute: 100_000 });
});
afterAll(() => sim.close());

async function walk<T>(
  path: string,
  key: string,
  list: (b: unknown) => T[],
  cursorOf: (b: unknown) => string | undefined,
) {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const res = await call(sim, `${path}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { key });
    expect(res.status).toBe(200);
    items.push(...list(res.body));
    cursor = cursorOf(res.body);
    pages++;
  } while (cursor);
  return { items, pages };
}

it("pages through all 50,000 orders with no duplicate and no gap", async () => {
  const key = sim.demoKeys["demo-busy"]!.key;
  const { items, pages } = await walk(
    "/account/orders?with_cancelled_and_rejected=true&with_just_orders=true&max_page_size=100",
    key,
    (b) => (b as OrderHistory).order_history.map((o) => o.order),
    (b) => (b as OrderHistory).cursor,
  );
  expect(pages).toBe(500);
  const ids = items.map((o) => o.order_id);
  expect(new Set(ids).size).toBe(50_000);
  const truth = sim.state.accounts.get(sim.demoKeys["demo-busy"]!.accountId)!;
  expect(new Set(ids)).toEqual(new Set(truth.orders.map((o) => o.order_id)));
  for (let i = 1; i < items.length; i++)
    expect(Date.parse(items[i]!.time) <= Date.parse(items[i - 1]!.time)).toBe(true);
});

it("pages through every trade of the busy account, and windows respect from/to", async () => {
  const key = sim.demoKeys["demo-busy"]!.key;
  const truth = sim.state.accounts.get(sim.demoKeys["demo-busy"]!.accountId)!;
  // The account is live: resting orders fill as the market moves, so trades can appear while
  // the walk is under way (newest first, it has passed their place). Every trade that existed
  // before it must be seen exactly once, and nothing that never existed.
  const before = truth.trades.map((t) => t.trade_id);
  const { items } = await walk(
    "/account/trades?max_page_size=100",
    key,
    (b) => (b as TradeHistory).trade_history,
    (b) => (b as TradeHistory).cursor,
  );
  const walked = items.map((t) => t.trade.trade_id);
  expect(new Set(walked).size).toBe(walked.length);
  const seen = new Set(walked);
  expect(before.filter((id) => !seen.has(id))).toEqual([]);
  const after = new Set(truth.trades.map((t) => t.trade_id));
  expect(walked.filter((id) => !after.has(id))).toEqual([]);

  const to = new Date(Date.now() - 200 * 86_400_000);
  const from = new Date(to.getTime() - 30 * 86_400_000);
  const windowed = await walk(
    `/account/trades?from=${from.toISOString()}&to=${to.toISOString()}&max_page_size=100`,
    key,
    (b) => (b as TradeHistory).trade_history,
    (b) => (b as TradeHistory).cursor,
  );
  const expected = truth.trades.filter((t) => t.time >= from.getTime() && t.time <= to.getTime()).length;
  expect(expected).toBeGreaterThan(500);
  expect(windowed.items.length).toBe(expected);
});

it("filters: default = active only; just-filled-inactive; instrument", async () => {
  const key = sim.demoKeys["demo-busy"]!.key;
  const active = (await call(sim, "/account/orders", { key })).body as OrderHistory;
  expect(active.order_history.every((o) => ["OPEN", "FILLED", "STOP_TRIGGERED"].includes(o.order.status))).toBe(true);
  const filled = (await call(sim, "/account/orders?with_just_filled_inactive=true&max_page_size=100", { key }))
    .body as OrderHistory;
  expect(filled.order_history.length).toBe(100);
  expect(filled.order_history.every((o) => o.order.status.startsWith("FILLED_"))).toBe(true);
  const eth = (
    await call(sim, "/account/orders?with_cancelled_and_rejected=true&instrument_code=ETH_EUR&max_page_size=50", {
      key,
    })
  ).body as OrderHistory;
  expect(eth.order_history.every((o) => o.order.instrument_code === "ETH_EUR")).toBe(true);
  expect(eth.cursor).toEqual(expect.any(String));
});

describe.each(DIALECTS)("%s dialect: a 30-day window of the busy account, page by page", (dialect: Dialect) => {
  let dsim: RunningSimulator;
  beforeAll(async () => {
    dsim = await withSim({ dialect, accountLimitPerMinute: 100_000, ipLimitPerMinute: 100_000 });
  });
  afterAll(() => dsim.close());

  it("every order and trade in the window exactly once, newest first", async () => {
    const key = dsim.demoKeys["demo-busy"]!.key;
    const truth = dsim.state.accounts.get(dsim.demoKeys["demo-busy"]!.accountId)!;
    const to = new Date(Date.now() - 2 * 86_400_000);
    const from = new Date(to.getTime() - 30 * 86_400_000);
    const window = `from=${from.toISOString()}&to=${to.toISOString()}`;
    const pageThrough = async (path: string, listKey: "order_history" | "trade_history") => {
      const out: { id: string; time: string }[] = [];
      let cursor: string | undefined;
      do {
        const res = await call(dsim, `${path}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, { key });
        expect(res.status).toBe(200);
        const body = res.body as Record<string, unknown>;
        for (const e of body[listKey] as {
          order?: { order_id: string; time: string };
          trade?: { trade_id: string; time: string };
        }[]) {
          out.push(
            e.order ? { id: e.order.order_id, time: e.order.time } : { id: e.trade!.trade_id, time: e.trade!.time },
          );
        }
        cursor = body.cursor as string | undefined;
      } while (cursor);
      return out;
    };
    const orders = await pageThrough(
      `/account/orders?with_cancelled_and_rejected=true&with_just_orders=true&max_page_size=100&${window}`,
      "order_history",
    );
    const expectedOrders = truth.orders
      .filter((o) => o.time >= from.getTime() && o.time <= to.getTime())
      .map((o) => o.order_id);
    expect(expectedOrders.length).toBeGreaterThan(1_000);
    expect(orders.map((o) => o.id).sort()).toEqual([...expectedOrders].sort());
    for (let i = 1; i < orders.length; i++)
      expect(Date.parse(orders[i]!.time) <= Date.parse(orders[i - 1]!.time)).toBe(true);
    const trades = await pageThrough(`/account/trades?max_page_size=100&${window}`, "trade_history");
    const expectedTrades = truth.trades
      .filter((t) => t.time >= from.getTime() && t.time <= to.getTime())
      .map((t) => t.trade_id);
    expect(trades.map((t) => t.id).sort()).toEqual([...expectedTrades].sort());
  });
});
