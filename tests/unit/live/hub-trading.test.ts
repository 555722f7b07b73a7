// The live hub with a Trade key's TRADING feed (a fake of lib/market/trading.ts): the hub asks
// the feed for the Trade keys on screen (never a Read-only one); an order event replaces the
// key's balances (the page's valuation changes, labelled as pushed) and goes to each viewer as
// an `order` event, with no amount to a viewer with hidden amounts; while the feed is healthy
// the balances are not re-read over REST, and when it is not, REST reads resume.
import { EventEmitter } from "node:events";
import { LiveHub, type LiveViewer, type TradingFeed } from "@/lib/live/hub";
import type { TradingUpdate } from "@/lib/market/trading-wire";
import type { Valuation } from "@/lib/reads/valuation";
import type { OrderPush } from "@/lib/live/order-push";
import { waitFor } from "../../helpers/wait-for";

jest.mock("server-only", () => ({}));

class FakeFeed extends EventEmitter {
  needs = new Map<string, ReadonlySet<string> | null>();
  up = new Set<string>();
  need(owner: string, keys: ReadonlySet<string> | null) {
    this.needs.set(owner, keys);
  }
  healthy(keyId: string) {
    return this.up.has(keyId);
  }
}

const TICKERS = [
  { instrument_code: "BTC_EUR", last_price: "50000" },
  { instrument_code: "ETH_EUR", last_price: "2000" },
];

function viewer(keys: Record<string, { hideAmounts: boolean; trading?: boolean }>) {
  const events: { event: string; data: string }[] = [];
  let reads = 0;
  const v: LiveViewer & { events: typeof events; reads: () => number } = {
    id: Math.random().toString(36),
    userId: "u",
    keys: new Map(Object.entries(keys)),
    send(event, data) {
      events.push({ event, data });
      return true;
    },
    end: () => undefined,
    recheck: () => Promise.resolve({ keys: new Map(Object.entries(keys)) }),
    readBalances: () => {
      reads++;
      return Promise.resolve({
        data: { balances: [{ currency_code: "EUR", available: "1000", locked: "0" }] },
        fetchedAt: new Date().toISOString(),
        source: "cache" as const,
      });
    },
    readTickers: () => Promise.resolve({ data: TICKERS, fetchedAt: new Date().toISOString(), source: "live" as const }),
    epochSeen: "1",
    events,
    reads: () => reads,
  };
  return v;
}

const FILL: TradingUpdate = {
  order: {
    orderId: "o-1",
    instrument: "BTC_EUR",
    side: "BUY",
    orderType: "LIMIT",
    status: "FILLED_FULLY",
    amount: "0.01",
    remaining: "0",
    price: "50500",
    time: "1732051723847246301",
    timeMs: 1732051723847,
    fill: { tradeId: "t-1", amount: "0.01", price: "50000", fee: "0.00001", feeCurrency: "BTC" },
  },
  balances: [
    { currency_code: "BTC", available: "0.01", locked: "0" },
    { currency_code: "EUR", available: "400", locked: "0" },
  ],
};

let hub: LiveHub;
let feed: FakeFeed;
const portfolios = (v: ReturnType<typeof viewer>) =>
  v.events
    .filter((e) => e.event === "portfolio")
    .map((e) => (JSON.parse(e.data) as { portfolio: Valuation }).portfolio);

beforeEach(() => {
  feed = new FakeFeed();
  hub = new LiveHub({
    stream: null,
    trading: feed as unknown as TradingFeed,
    epoch: () => Promise.resolve("1"),
    lastRestTickers: () => Promise.resolve(null),
    balancesRefreshMs: 0,
    pollMs: 60_000,
    flushMs: 0,
    checkMs: 60_000,
  });
});
afterEach(() => hub.shutdown());

it("asks the feed for the Trade keys on screen only, and lets go when the page closes", async () => {
  const v = viewer({ trade: { hideAmounts: false, trading: true }, ro: { hideAmounts: false } });
  await hub.open(v);
  expect([...(feed.needs.get("live-pages") ?? [])]).toEqual(["trade"]);
  hub.close(v);
  expect(feed.needs.get("live-pages")).toBeNull();
});

it("an order event replaces the balances on the page and goes out as an order, amounts hidden where they are", async () => {
  const owner = viewer({ trade: { hideAmounts: false, trading: true } });
  const hidden = viewer({ trade: { hideAmounts: true, trading: true } });
  await hub.open(owner);
  await hub.open(hidden);
  await waitFor("first valuations", () => portfolios(owner).length && portfolios(hidden).length);
  feed.up.add("trade");
  feed.emit("update", "trade", FILL);
  await waitFor("the new total", () => portfolios(owner).some((p) => p.totalEur === "900.00" || p.totalEur === "900"));
  const last = portfolios(owner).at(-1)!;
  // The label's input: pushed balances are "live" whatever read gave their base.
  expect(last.balances).toMatchObject({ live: true, source: "live" });
  expect(last.rows.map((r) => [r.currency, r.total])).toEqual(
    expect.arrayContaining([
      ["BTC", "0.01"],
      ["EUR", "400"],
    ]),
  );
  const order = JSON.parse(owner.events.find((e) => e.event === "order")!.data) as OrderPush;
  expect(order).toMatchObject({ keyId: "trade", orderId: "o-1", status: "FILLED_FULLY", open: false, amount: "0.01" });
  const redacted = hidden.events.find((e) => e.event === "order")!;
  const r = JSON.parse(redacted.data) as OrderPush;
  expect(r).toMatchObject({ amountsHidden: true, amount: "", remaining: "", price: "50500", status: "FILLED_FULLY" });
  expect(r.fill).toMatchObject({ amount: "", fee: "", price: "50000" });
  expect(redacted.data).not.toContain("0.01");
  const hiddenLast = portfolios(hidden).at(-1)!;
  expect(hiddenLast.totalEur).toBe("");
  expect(JSON.stringify(hiddenLast.rows)).not.toContain("400");
});

it("no REST balance reads while the feed is healthy; they resume when it is not", async () => {
  const v = viewer({ trade: { hideAmounts: false, trading: true } });
  feed.up.add("trade");
  await hub.open(v);
  await waitFor("first valuation", () => portfolios(v).length);
  const reads = v.reads();
  for (let i = 0; i < 5; i++) {
    feed.emit("update", "trade", {
      ...FILL,
      balances: [{ currency_code: "EUR", available: String(900 - i), locked: "0" }],
    });
    await waitFor(`push ${i}`, () => portfolios(v).some((p) => p.rows.some((r) => r.total === String(900 - i))));
  }
  // A refresh is due at every flush here (balancesRefreshMs 0), yet none was read.
  expect(v.reads()).toBe(reads);
  feed.up.delete("trade");
  feed.emit("health", "trade", false);
  await waitFor("REST again", () => v.reads() > reads);
  await waitFor("labelled as read", () => portfolios(v).at(-1)?.balances?.live === undefined);
});
