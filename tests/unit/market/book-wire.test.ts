// The market stream's pure parts: wire parsing in both dialects (nanosecond times kept exact),
// the price book (the first price after a reconnect is the truth), the reconnect backoff, the
// instruments a set of currencies needs, the 24 h change carried for Fast, and NOTIFY splitting.
import { nanosTime, parseMarketMessage, subscribeMessage } from "@/lib/market/wire";
import { PriceBook } from "@/lib/market/book";
import { backoffMs } from "@/lib/market/connection";
import { instrumentsPricing } from "@/lib/market/needs";
import { tickersFromStream } from "@/lib/market/tickers";
import { splitForNotify } from "@/lib/market/bus";

jest.mock("server-only", () => ({}));

it("Fast PRICE_TICK: the nanosecond time is kept exactly, beyond a JS number's precision", () => {
  const m = parseMarketMessage(
    "onetrading-fast",
    '{"channel_name":"PRICE_TICKS","type":"PRICE_TICK","time":1732051723847246301,"instrument_code":"BTC_EUR","price":"100000.01","amount":"0.001"}',
  );
  expect(m).toEqual({
    kind: "prices",
    history: false,
    updates: [{ instrument: "BTC_EUR", price: "100000.01", time: "1732051723847246301", timeMs: 1732051723847 }],
  });
  expect(nanosTime("1715268699262970610")).toEqual({ time: "1715268699262970610", timeMs: 1715268699262 });
  expect(parseMarketMessage("onetrading-fast", '{"type":"HEARTBEAT","time":1738602951685555981}')).toEqual({
    kind: "heartbeat",
  });
  expect(parseMarketMessage("onetrading-fast", '{"error":"Invalid channel."}')).toEqual({
    kind: "error",
    error: "Invalid channel.",
  });
});

it("Bitpanda Pro MARKET_TICKER_UPDATES: last price and 24 h change per instrument, ISO times", () => {
  const m = parseMarketMessage(
    "bitpanda-pro",
    '{"channel_name":"MARKET_TICKER","type":"MARKET_TICKER_UPDATES","time":"2022-06-23T15:38:02.196282Z","ticker_updates":[{"instrument":"ETH_EUR","last_price":"1053.75","price_change_percentage":"-1.17"}]}',
  );
  expect(m).toEqual({
    kind: "prices",
    history: false,
    updates: [
      {
        instrument: "ETH_EUR",
        price: "1053.75",
        changePct: "-1.17",
        time: "2022-06-23T15:38:02.196282Z",
        timeMs: Date.parse("2022-06-23T15:38:02.196282Z"),
      },
    ],
  });
  expect(JSON.parse(subscribeMessage("bitpanda-pro", ["ETH_EUR", "BTC_EUR"], true))).toEqual({
    type: "UPDATE_SUBSCRIPTION",
    channels: [{ name: "MARKET_TICKER", price_points_mode: "INLINE", instrument_codes: ["BTC_EUR", "ETH_EUR"] }],
  });
  expect(JSON.parse(subscribeMessage("onetrading-fast", ["BTC_EUR"]))).toEqual({
    type: "SUBSCRIBE",
    channels: [{ name: "PRICE_TICKS", instrument_codes: ["BTC_EUR"] }],
  });
});

it("the book keeps the newest price, except that the first price after a reconnect replaces it", () => {
  const book = new PriceBook();
  const u = (price: string, timeMs: number) => ({ instrument: "BTC_EUR", price, time: String(timeMs), timeMs });
  expect(book.apply([u("100", 10), u("101", 20)])).toEqual([u("101", 20)]);
  expect(book.apply([u("99", 15)])).toEqual([]); // older than held: ignored
  book.reconnected();
  expect(book.apply([u("98", 12)])).toEqual([u("98", 12)]); // the snapshot is the truth
  expect(book.get("BTC_EUR")?.price).toBe("98");
  expect(book.apply([u("97", 11)])).toEqual([]);
});

it("reconnect waits grow exponentially with jitter and stay under the cap", () => {
  expect(backoffMs(0, 500, 30_000, () => 0)).toBe(250);
  expect(backoffMs(0, 500, 30_000, () => 1)).toBe(500);
  expect(backoffMs(3, 500, 30_000, () => 0.5)).toBe(3_000);
  expect(backoffMs(30, 500, 30_000, () => 1)).toBe(30_000);
});

it("the instruments that price a set of currencies in EUR", () => {
  const list = [
    { code: "BTC_EUR", base: "BTC", quote: "EUR" },
    { code: "ETH_EUR", base: "ETH", quote: "EUR" },
    { code: "BTC_USDT", base: "BTC", quote: "USDT" },
    { code: "XRP_USDT", base: "XRP", quote: "USDT" },
    { code: "BTC_EUR_P", base: "BTC", quote: "EUR" },
  ];
  expect(instrumentsPricing(["EUR", "ETH", "USDT", "XRP", "BTC_EUR_P", "NOPE"], list)).toEqual([
    "BTC_EUR",
    "BTC_EUR_P",
    "BTC_USDT",
    "ETH_EUR",
    "XRP_USDT",
  ]);
});

it("Fast's 24 h change is carried from the last REST ticker against the live price", () => {
  const t = tickersFromStream(
    [{ instrument: "BTC_EUR", price: "110", time: "1", timeMs: 0 }],
    [{ instrument_code: "BTC_EUR", last_price: "100", price_change_percentage: "0" }],
  );
  expect(t[0]).toMatchObject({ instrument_code: "BTC_EUR", last_price: "110", price_change_percentage: "10" });
  expect(tickersFromStream([{ instrument: "BTC_EUR", price: "1", time: "1", timeMs: 0 }], null)[0]).not.toHaveProperty(
    "price_change_percentage",
  );
});

it("a large price batch is split into NOTIFY payloads under the limit", () => {
  const updates = Array.from({ length: 400 }, (_, i) => ({
    instrument: `C${i}_EUR`,
    price: "12345.6789",
    time: "1732051723847246301",
    timeMs: 1732051723847,
  }));
  const parts = splitForNotify({ t: "prices", from: "x", updates }, 7_000);
  expect(parts.length).toBeGreaterThan(1);
  for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(7_000);
  expect(parts.flatMap((p) => (JSON.parse(p) as { updates: unknown[] }).updates)).toHaveLength(400);
});
