// The simulator's public WebSocket channels in both dialects: subscriptions and snapshots,
// heartbeats and pings, a dropped connection then a resubscribe, exact nanosecond times, and a
// price moved through the control API arriving on the socket as the REST ticker shows it.
import type { RunningSimulator } from "@/lib/simulator";
import { isoMicros } from "@/lib/simulator/ws/json";
import { WsProbe, rawInteger } from "@/tests/helpers/ws-probe";
import { call, control, withSim } from "./helpers";

let sim: RunningSimulator;
const probes: WsProbe[] = [];
async function open(url: string) {
  const p = await WsProbe.open(url);
  probes.push(p);
  return p;
}

beforeAll(async () => {
  sim = await withSim({ heartbeatMs: 100 });
});
afterEach(async () => {
  for (const p of probes.splice(0)) p.close();
  await control(sim, "/ws/resume", {});
});
afterAll(async () => {
  await control(sim, "/market/price", undefined, "DELETE");
  await sim.close();
});

const is = (type: string, extra: (m: Record<string, unknown>) => boolean = () => true) => {
  return (m: Record<string, unknown>) => m.type === type && extra(m);
};

describe("One Trading Fast (/fast)", () => {
  it("confirms a subscription, then sends the last 80 price ticks with nanosecond integer times", async () => {
    const ws = await open(sim.wsUrls.fast);
    ws.send({ type: "SUBSCRIBE", channels: [{ name: "PRICE_TICKS", instrument_codes: ["BTC_EUR"] }] });
    const ack = await ws.next(is("SUBSCRIPTIONS"), "SUBSCRIPTIONS");
    expect(ack.msg.channels).toEqual([{ name: "PRICE_TICKS", instrument_codes: ["BTC_EUR"] }]);
    expect(ack.raw).toMatch(/"time":\d{19}[,}]/);
    const ticks = [];
    for (let i = 0; i < 80; i++) ticks.push(await ws.next(is("PRICE_TICK"), `price tick ${i + 1}`));
    expect(ticks[0]!.msg).toEqual({
      channel_name: "PRICE_TICKS",
      type: "PRICE_TICK",
      time: expect.any(Number),
      instrument_code: "BTC_EUR",
      price: expect.stringMatching(/^\d+\.\d{2}$/),
      amount: expect.stringMatching(/^\d+\.\d{5}$/),
      volume: expect.stringMatching(/^\d+\.\d{2}$/),
      best_bid: expect.stringMatching(/^\d+\.\d{2}$/),
      best_ask: expect.stringMatching(/^\d+\.\d{2}$/),
      taker_side: expect.stringMatching(/^(BUY|SELL)$/),
    });
    const times = ticks.map((t) => rawInteger(t.raw, "time"));
    for (let i = 1; i < times.length; i++) expect(times[i]! > times[i - 1]!).toBe(true);
    // The history is the market's tape, time for time, to the nanosecond.
    const tape = (await control(sim, "/market/tape?instrument=BTC_EUR")).tape as { timeNs: string; price: string }[];
    const overlap = tape.filter((t) => times.includes(BigInt(t.timeNs)));
    expect(overlap.length).toBeGreaterThan(70);
  });

  it("keeps a moved price's nanosecond time exact, and REST's ticker shows the same price", async () => {
    const ws = await open(sim.wsUrls.fast);
    ws.send({ type: "SUBSCRIBE", channels: [{ name: "PRICE_TICKS", instrument_codes: ["ETH_EUR"] }] });
    await ws.next(is("SUBSCRIPTIONS"));
    const moved = await control(sim, "/market/price", { instrument: "ETH_EUR", price: "3123.45" });
    const tick = await ws.next(
      is("PRICE_TICK", (m) => m.price === "3123.45"),
      "the moved price",
    );
    expect(tick.msg.instrument_code).toBe("ETH_EUR");
    const ns = rawInteger(tick.raw, "time");
    expect(ns).toBe(BigInt(moved.timeNs as string));
    // A JS number cannot carry it: what JSON.parse made of it is not the exact time.
    expect(ns % 1_000_000n).not.toBe(0n);
    const rest = await call(sim, "/market-ticker/ETH_EUR", { base: sim.urls.fast });
    expect((rest.body as { last_price: string }).last_price).toBe("3123.45");
  });

  it("sends an order book snapshot, then changes when the market moves; BOOK_TICKER covers every instrument", async () => {
    const ws = await open(sim.wsUrls.fast);
    ws.send({
      type: "SUBSCRIBE",
      channels: [{ name: "ORDER_BOOK", instrument_codes: ["BTC_EUR"] }, { name: "BOOK_TICKER" }],
    });
    const ack = await ws.next(is("SUBSCRIPTIONS"));
    expect(ack.msg.channels).toEqual([{ name: "ORDER_BOOK", instrument_codes: ["BTC_EUR"] }, { name: "BOOK_TICKER" }]);
    const snap = await ws.next(is("ORDER_BOOK_SNAPSHOT"), "the book snapshot");
    const asks = snap.msg.asks as [string, string][];
    const bids = snap.msg.bids as [string, string][];
    expect(asks).toHaveLength(16);
    expect(bids).toHaveLength(16);
    expect(Number(asks[0]![0])).toBeGreaterThan(Number(bids[0]![0]));
    const rest = (await call(sim, "/order-book/BTC_EUR?depth=16", { base: sim.urls.fast })).body as {
      asks: { price: string; amount: string }[];
    };
    // Same book as REST unless a tick came in between (then the update below still applies).
    if (rest.asks[0]!.price === asks[0]![0]) expect(rest.asks.map((l) => [l.price, l.amount])).toEqual(asks);
    const tickers = new Set<string>();
    while (tickers.size < 9) tickers.add((await ws.next(is("BOOK_TICK"))).msg.instrument_code as string);
    const from = ws.messages.length;
    await control(sim, "/market/price", { instrument: "BTC_EUR", percent: "1" });
    const update = await ws.next(
      is("ORDER_BOOK_UPDATE", (m) => m.instrument_code === "BTC_EUR"),
      "a book update",
    );
    const changes = update.msg.changes as [string, string, string][];
    expect(changes.some(([, , amount]) => amount === "0")).toBe(true);
    for (const [side] of changes) expect(["BUY", "SELL"]).toContain(side);
    // The same trade moved the book ticker (sent with it, before or after the book's changes).
    const tick = ws.since(from).find((m) => m.msg.type === "BOOK_TICK" && m.msg.instrument_code === "BTC_EUR")!;
    expect(tick.msg.data).toEqual({
      best_bid: expect.any(String),
      bid_amount: expect.any(String),
      best_ask: expect.any(String),
      ask_amount: expect.any(String),
    });
  });

  it("answers the exchange's errors for an unknown channel and malformed JSON", async () => {
    const ws = await open(sim.wsUrls.fast);
    ws.send({ type: "SUBSCRIBE", channels: [{ name: "MARKET_TICKER", instrument_codes: ["BTC_EUR"] }] });
    expect((await ws.next((m) => "error" in m)).msg).toEqual({ error: "Invalid channel." });
    ws.socket.send("{not json");
    expect((await ws.next((m) => "error" in m)).msg).toEqual({ error: "MALFORMED_JSON" });
  });

  it("sends heartbeats and answers pings; a stall stops both until resumed", async () => {
    const ws = await open(sim.wsUrls.fast);
    const beat = await ws.next(is("HEARTBEAT"), "a heartbeat");
    expect(beat.raw).toMatch(/^\{"type":"HEARTBEAT","time":\d{19}\}$/);
    await ws.ping();
    await control(sim, "/ws/stall", {});
    let pong = false;
    ws.socket.once("pong", () => (pong = true));
    ws.socket.ping();
    const from = ws.messages.length;
    // Frames are handled in order: had the ping been answered, the pong would precede this ack.
    ws.send({ type: "SUBSCRIBE", channels: [{ name: "BOOK_TICKER" }] });
    await ws.next(is("SUBSCRIPTIONS"));
    expect(pong).toBe(false);
    await control(sim, "/market/tick", { ms: 50 });
    for (let i = 0; i < 10; i++) await ws.next(is("BOOK_TICK", (m) => m.instrument_code === "BTC_EUR"));
    expect(ws.since(from).filter((m) => m.msg.type === "HEARTBEAT")).toEqual([]);
    await control(sim, "/ws/resume", {});
    await control(sim, "/market/tick", { ms: 10_000 });
    await ws.next(is("HEARTBEAT"), "a heartbeat after the stall");
    await ws.ping();
  });

  it("after a dropped connection, a new one resubscribes and gets a fresh snapshot", async () => {
    const ws = await open(sim.wsUrls.fast);
    ws.send({ type: "SUBSCRIBE", channels: [{ name: "ORDER_BOOK", instrument_codes: ["ETH_EUR"] }] });
    await ws.next(is("ORDER_BOOK_SNAPSHOT"));
    const dropped = await control(sim, "/ws/drop", { dialect: "fast" });
    expect(dropped.dropped).toBeGreaterThanOrEqual(1);
    expect((await ws.closed).code).toBe(1006);
    const again = await open(sim.wsUrls.fast);
    again.send({ type: "SUBSCRIBE", channels: [{ name: "ORDER_BOOK", instrument_codes: ["ETH_EUR"] }] });
    await again.next(is("SUBSCRIPTIONS"));
    const snap = await again.next(is("ORDER_BOOK_SNAPSHOT"));
    expect(snap.msg.instrument_code).toBe("ETH_EUR");
  });
});

describe("Bitpanda Pro (/bitpanda)", () => {
  it("MARKET_TICKER: a snapshot with REST's numbers, a moved price, and UPDATE_SUBSCRIPTION", async () => {
    const ws = await open(sim.wsUrls.bitpanda);
    ws.send({
      type: "SUBSCRIBE",
      channels: [{ name: "MARKET_TICKER", price_points_mode: "INLINE", instrument_codes: ["XRP_EUR"] }],
    });
    const ack = await ws.next(is("SUBSCRIPTIONS"));
    expect(ack.msg.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const first = await ws.next(is("MARKET_TICKER_UPDATES"));
    const [row] = first.msg.ticker_updates as Record<string, string>[];
    expect(Object.keys(row!).sort()).toEqual(
      [
        "high",
        "instrument",
        "last_price",
        "low",
        "price_change",
        "price_change_percentage",
        "price_points",
        "volume",
      ].sort(),
    );
    // INLINE: the last day's hourly prices ride along, the ones the ticker's high and low come from.
    const points = (row as unknown as { price_points: { time: string; close_price: string }[] }).price_points;
    expect(points).toHaveLength(24);
    const closes = points.map((p) => Number(p.close_price));
    expect(Number(row!.high)).toBeGreaterThanOrEqual(Math.max(...closes));
    expect(Number(row!.low)).toBeLessThanOrEqual(Math.min(...closes));
    const moved = await control(sim, "/market/price", { instrument: "XRP_EUR", price: "0.6123" });
    const update = await ws.next(
      is("MARKET_TICKER_UPDATES", (m) =>
        (m.ticker_updates as { last_price: string }[]).some((u) => u.last_price === "0.6123"),
      ),
      "the moved price",
    );
    expect(update.msg.time).toBe(isoMicros(BigInt(moved.timeNs as string)));
    const rest = (await call(sim, "/market-ticker/XRP_EUR", { base: sim.urls.bitpanda })).body as Record<
      string,
      string
    >;
    expect((update.msg.ticker_updates as Record<string, string>[])[0]!.last_price).toBe(rest.last_price);
    ws.send({ type: "UPDATE_SUBSCRIPTION", channels: [{ name: "MARKET_TICKER", instrument_codes: ["BTC_EUR"] }] });
    const updated = await ws.next(is("SUBSCRIPTION_UPDATED"));
    expect(updated.msg.channels).toEqual([
      { name: "MARKET_TICKER", instrument_codes: ["XRP_EUR", "BTC_EUR"], price_points_mode: "INLINE" },
    ]);
    const added = await ws.next(is("MARKET_TICKER_UPDATES"));
    expect((added.msg.ticker_updates as { instrument: string }[]).map((u) => u.instrument)).toEqual(["BTC_EUR"]);
  });

  it("MARKET_TICKER carries REST's ticker, field for field (a frozen clock: no tick in between)", async () => {
    const frozen = await withSim({ now: () => Date.UTC(2026, 5, 1, 12, 0, 5) });
    try {
      const ws = await WsProbe.open(frozen.wsUrls.bitpanda);
      probes.push(ws);
      ws.send({ type: "SUBSCRIBE", channels: [{ name: "MARKET_TICKER", instrument_codes: ["BTC_EUR", "ETH_EUR"] }] });
      const pushed = (await ws.next(is("MARKET_TICKER_UPDATES"))).msg.ticker_updates as Record<string, string>[];
      for (const row of pushed) {
        const rest = (await call(frozen, `/market-ticker/${row.instrument}`)).body as Record<string, string>;
        expect(row).toEqual({
          instrument: rest.instrument_code,
          last_price: rest.last_price,
          price_change: rest.price_change,
          price_change_percentage: rest.price_change_percentage,
          high: rest.high,
          low: rest.low,
          volume: rest.base_volume,
        });
      }
    } finally {
      await frozen.close();
    }
  });

  it("MARKET_TICKER with SPLIT price points sends them as PRICE_POINT_UPDATES", async () => {
    const ws = await open(sim.wsUrls.bitpanda);
    ws.send({
      type: "SUBSCRIBE",
      channels: [{ name: "MARKET_TICKER", price_points_mode: "SPLIT", instrument_codes: ["ETH_EUR"] }],
    });
    const first = await ws.next(is("MARKET_TICKER_UPDATES"));
    expect((first.msg.ticker_updates as Record<string, unknown>[])[0]).not.toHaveProperty("price_points");
    const points = await ws.next(is("PRICE_POINT_UPDATES"));
    const [update] = points.msg.price_updates as {
      instrument: string;
      prices: { time: string; close_price: string }[];
    }[];
    expect(update!.instrument).toBe("ETH_EUR");
    expect(update!.prices).toHaveLength(24);
    expect(update!.prices[0]).toEqual({
      time: expect.stringMatching(/Z$/),
      close_price: expect.stringMatching(/^\d+\.\d{2}$/),
    });
    ws.send({
      type: "SUBSCRIBE",
      channels: [{ name: "MARKET_TICKER", price_points_mode: "SOMETIMES", instrument_codes: ["ETH_EUR"] }],
    });
    expect((await ws.next(is("ERROR"))).msg.error).toBe("INVALID_PRICE_POINTS_MODE");
  });

  it("PRICE_TICKS: history then each trade, with ISO microsecond times matching the nanoseconds", async () => {
    const ws = await open(sim.wsUrls.bitpanda);
    ws.send({ type: "SUBSCRIBE", channels: [{ name: "PRICE_TICKS", instrument_codes: ["BTC_EUR"] }] });
    const history = await ws.next(is("PRICE_TICK_HISTORY"));
    expect((history.msg.history as unknown[]).length).toBe(80);
    const moved = await control(sim, "/market/price", { instrument: "BTC_EUR", price: "60001.01" });
    const tick = await ws.next(is("PRICE_TICK", (m) => m.price === "60001.01"));
    expect(tick.msg.time).toBe(isoMicros(BigInt(moved.timeNs as string)));
    expect(tick.msg.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });

  it("ORDER_BOOK and CANDLESTICKS: snapshots, then updates on a move", async () => {
    const ws = await open(sim.wsUrls.bitpanda);
    ws.send({
      type: "SUBSCRIBE",
      channels: [
        { name: "ORDER_BOOK", depth: 5, instrument_codes: ["ETH_EUR"] },
        {
          name: "CANDLESTICKS",
          properties: [{ instrument_code: "ETH_EUR", time_granularity: { unit: "MINUTES", period: 1 } }],
        },
      ],
    });
    const snap = await ws.next(is("ORDER_BOOK_SNAPSHOT"));
    expect(snap.msg.asks).toHaveLength(5);
    const candle = await ws.next(is("CANDLESTICK_SNAPSHOT"));
    expect(candle.msg).toMatchObject({ instrument_code: "ETH_EUR", granularity: { unit: "MINUTES", period: 1 } });
    await control(sim, "/market/price", { instrument: "ETH_EUR", price: "2999.99" });
    await ws.next(is("ORDER_BOOK_UPDATE"));
    const live = await ws.next(is("CANDLESTICK", (m) => m.close === "2999.99"));
    expect(live.msg.time).toMatch(/Z$/);
  });

  it("answers errors in the SYSTEM form and sends the SYSTEM heartbeat", async () => {
    const ws = await open(sim.wsUrls.bitpanda);
    ws.socket.send("{oops");
    const err = await ws.next(is("ERROR"));
    expect(err.msg).toEqual({
      error: "MALFORMED_JSON",
      channel_name: "SYSTEM",
      type: "ERROR",
      time: expect.any(String),
    });
    ws.send({ type: "SUBSCRIBE", channels: [{ name: "BOOK_TICKER" }] });
    expect((await ws.next(is("ERROR"))).msg.error).toBe("CHANNEL_NOT_FOUND");
    const beat = await ws.next(is("HEARTBEAT"));
    expect(beat.msg).toEqual({
      subscription: "SYSTEM",
      channel_name: "SYSTEM",
      type: "HEARTBEAT",
      time: expect.any(String),
    });
    await ws.ping();
  });

  it("a closed connection is dropped by the control API too; the client resubscribes", async () => {
    const ws = await open(sim.wsUrls.bitpanda);
    ws.send({ type: "SUBSCRIBE", channels: [{ name: "MARKET_TICKER", instrument_codes: ["BTC_EUR"] }] });
    await ws.next(is("MARKET_TICKER_UPDATES"));
    await control(sim, "/ws/drop", { mode: "close", dialect: "bitpanda" });
    expect((await ws.closed).code).toBe(1001);
    const again = await open(sim.wsUrls.bitpanda);
    again.send({ type: "SUBSCRIBE", channels: [{ name: "MARKET_TICKER", instrument_codes: ["BTC_EUR"] }] });
    await again.next(is("MARKET_TICKER_UPDATES"));
  });
});
