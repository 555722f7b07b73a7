// Daily candlesticks (lib/exchange/REFERENCE.md §4) in both dialects, as the key backfill reads them: 90 days of
// 1 DAYS candles in one request, each ending at 23:59:59.999 UTC; a day's open and close are the
// market price at its first and last moment, so they agree with the hourly and minute candles
// of the same moments, and the day still open closes at the ticker's last price.
import Decimal from "decimal.js";
import type { RunningSimulator } from "@/lib/simulator";
import { call, DIALECTS, withSim } from "./helpers";

type Candle = { open: string; high: string; low: string; close: string; time: string };

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await withSim({ ipLimitPerMinute: 10_000 });
});
afterAll(async () => {
  await sim.close();
});

const DAY = 86_400_000;

async function candles(dialect: string, code: string, q: Record<string, string>): Promise<Candle[]> {
  const base = dialect === "fast" ? sim.urls.fast : sim.urls.bitpanda;
  const r = await call(sim, `/candlesticks/${code}?${new URLSearchParams(q)}`, { base });
  expect(r.status).toBe(200);
  return dialect === "fast" ? (r.body as { candlesticks: Candle[] }).candlesticks : (r.body as Candle[]);
}

describe.each(DIALECTS)("%s", (dialect) => {
  it("serves 90 days of daily candles in one request, ending at each UTC day's last millisecond", async () => {
    const today = Math.floor(Date.now() / DAY) * DAY;
    const from = new Date(today - 90 * DAY).toISOString();
    const to = new Date(today).toISOString();
    const days = await candles(dialect, "BTC_EUR", { unit: "DAYS", period: "1", from, to });
    expect(days).toHaveLength(90);
    for (const [i, c] of days.entries()) {
      expect(c.time).toBe(new Date(today - (90 - i) * DAY + DAY - 1).toISOString());
      for (const p of [c.open, c.close]) {
        expect(new Decimal(p).gte(c.low)).toBe(true);
        expect(new Decimal(p).lte(c.high)).toBe(true);
      }
    }
  });

  it("a day's open and close agree with its first hour's open and its last hour's and minute's close", async () => {
    const day = Math.floor(Date.now() / DAY) * DAY - 3 * DAY;
    const range = (from: number, to: number) => ({
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
    });
    const [d] = await candles(dialect, "ETH_EUR", { unit: "DAYS", period: "1", ...range(day, day + DAY) });
    const hours = await candles(dialect, "ETH_EUR", { unit: "HOURS", period: "1", ...range(day, day + DAY) });
    const [lastMinute] = await candles(dialect, "ETH_EUR", {
      unit: "MINUTES",
      period: "1",
      ...range(day + DAY - 60_000, day + DAY),
    });
    expect(hours).toHaveLength(24);
    expect(d!.open).toBe(hours[0]!.open);
    expect(d!.close).toBe(hours[23]!.close);
    expect(d!.close).toBe(lastMinute!.close);
    expect(lastMinute!.time).toBe(d!.time);
  });

  it("the day still open closes at the ticker's last price", async () => {
    const base = dialect === "fast" ? sim.urls.fast : sim.urls.bitpanda;
    // Prices move every 10 s: retry when the two reads straddle a step.
    for (let attempt = 0; attempt < 5; attempt++) {
      const today = Math.floor(Date.now() / DAY) * DAY;
      const [c] = await candles(dialect, "BTC_EUR", {
        unit: "DAYS",
        period: "1",
        from: new Date(today).toISOString(),
        to: new Date(today + DAY).toISOString(),
      });
      const t = (await call(sim, "/market-ticker/BTC_EUR", { base })).body as { last_price: string };
      if (c!.close === t.last_price) return;
    }
    throw new Error("the open day's close never matched the ticker");
  });
});
