// The backfill's pure maths: which UTC days, the trade windows, each trade's effect (fees in their
// own currency, the quote rounded as the exchange books it) and the walk back from today.
import Decimal from "decimal.js";
import {
  backfillDayEnds,
  closesAt,
  dayEndOf,
  DAY_MS,
  tradeEffect,
  tradeWindows,
  walkBack,
  type WalkTrade,
} from "@/lib/portfolio/backfill-math";

const T = (iso: string) => Date.parse(iso);
const plain = (m: Map<string, Decimal>) => Object.fromEntries([...m].map(([k, v]) => [k, v.toFixed()]));

describe("days and windows", () => {
  it("rebuilds the 90 whole UTC days before today, newest first, ending at 23:59:59.999", () => {
    const days = backfillDayEnds(T("2026-12-01T10:30:00Z"), null);
    expect(days).toHaveLength(90);
    expect(new Date(days[0]!).toISOString()).toBe("2026-11-30T23:59:59.999Z");
    expect(new Date(days[89]!).toISOString()).toBe("2026-09-02T23:59:59.999Z");
    expect(dayEndOf(T("2026-11-30T00:00:00Z"))).toBe(days[0]);
  });

  it("only days that end before the key's first recorded snapshot", () => {
    const days = backfillDayEnds(T("2026-12-01T10:30:00Z"), T("2026-11-29T08:00:00Z"), 90);
    expect(new Date(days[0]!).toISOString()).toBe("2026-11-28T23:59:59.999Z");
    expect(days).toHaveLength(88);
    expect(backfillDayEnds(T("2026-12-01T10:30:00Z"), T("2026-11-01T00:00:00Z"), 10)).toEqual([]);
  });

  it("splits a range into windows no wider than the dialect's, newest first, with no gap or overlap", () => {
    const from = T("2026-09-02T00:00:00Z");
    const to = T("2026-12-01T10:30:00Z");
    const wins = tradeWindows(from, to, 30 * DAY_MS);
    expect(wins).toHaveLength(4);
    expect(wins[0]!.to).toBe(to);
    expect(wins[wins.length - 1]!.from).toBe(from);
    for (const [i, w] of wins.entries()) {
      expect(w.to - w.from + 1).toBeLessThanOrEqual(30 * DAY_MS);
      if (i > 0) expect(wins[i - 1]!.from).toBe(w.to + 1);
    }
    expect(tradeWindows(from, to, 100 * DAY_MS)).toEqual([{ from, to }]);
  });
});

describe("a trade's effect", () => {
  const buy: WalkTrade = {
    instrument_code: "BTC_EUR",
    side: "BUY",
    amount: "0.12345",
    price: "50000.13",
    time: 0,
    fee_amount: "0.00012345",
    fee_currency: "BTC",
  };

  it("a BUY adds the base less its fee and pays the cost rounded half-up to the quote's precision", () => {
    // 0.12345 × 50000.13 = 6172.5160485 → 6172.52
    expect(plain(tradeEffect(buy, 2))).toEqual({ BTC: "0.12332655", EUR: "-6172.52" });
  });

  it("a SELL gives the quote less its fee; a fee in a third currency (BEST) leaves that one", () => {
    const sell = { ...buy, side: "SELL" as const, fee_amount: "1.5", fee_currency: "BEST" };
    expect(plain(tradeEffect(sell, 2))).toEqual({ BTC: "-0.12345", EUR: "6172.52", BEST: "-1.5" });
  });

  it("a perpetual's trade moves no spot balance", () => {
    expect(tradeEffect({ ...buy, instrument_code: "BTC_EUR_P" }, 2).size).toBe(0);
  });
});

describe("the walk back", () => {
  const day1 = T("2026-11-28T23:59:59.999Z");
  const day2 = T("2026-11-29T23:59:59.999Z");
  const day3 = T("2026-11-30T23:59:59.999Z");
  const asOf = T("2026-12-01T10:00:00Z");
  const trade = (iso: string, side: "BUY" | "SELL", amount: string, price: string, fee: string, feeCur: string) =>
    ({
      instrument_code: "ETH_EUR",
      side,
      amount,
      price,
      time: T(iso),
      fee_amount: fee,
      fee_currency: feeCur,
    }) satisfies WalkTrade;

  it("undoes every trade after a day's end, and none after asOf (the balances don't have it yet)", () => {
    const current = new Map([
      ["EUR", new Decimal("1000")],
      ["ETH", new Decimal("2")],
    ]);
    const trades = [
      trade("2026-11-29T12:00:00Z", "BUY", "1", "2000", "0.001", "ETH"), // during day 2
      trade("2026-12-01T09:00:00Z", "SELL", "0.5", "2100", "1.05", "EUR"), // today
      trade("2026-12-01T11:00:00Z", "BUY", "9", "1", "0", "ETH"), // after asOf: ignored
      trade("2026-11-30T23:59:59.999Z", "BUY", "0.1", "1990", "0", "ETH"), // the last instant of day 3
    ];
    const days = walkBack(current, asOf, trades, [day3, day2, day1], () => 2);
    // Day 3's close: today's SELL undone (+0.5 ETH, −1048.95 EUR): EUR would be −48.95, so at
    // least that much was withdrawn unseen after the sale; it stays at zero.
    expect(plain(days[0]!.balances)).toEqual({ EUR: "0", ETH: "2.5" });
    // Day 2's close: also day 3's last-instant BUY undone (−0.1 ETH, +199 EUR).
    expect(plain(days[1]!.balances)).toEqual({ EUR: "199", ETH: "2.4" });
    // Day 1's close: also day 2's BUY undone (−0.999 ETH, +2000 EUR).
    expect(plain(days[2]!.balances)).toEqual({ EUR: "2199", ETH: "1.401" });
    expect(days.map((d) => d.dayEnd)).toEqual([day3, day2, day1]);
    // The input is left alone.
    expect(plain(current)).toEqual({ EUR: "1000", ETH: "2" });
  });

  it("never below zero: a walk past an unseen withdrawal stays at zero, and earlier trades apply from there", () => {
    // Truth: 1 BTC held from before day 1; sold on day 2; 1 BTC bought on day 3 and withdrawn
    // today (the key can't see it). Today: 0 BTC.
    const current = new Map([["BTC", new Decimal("0")]]);
    const btc = (iso: string, side: "BUY" | "SELL") => ({
      ...trade(iso, side, "1", "50000", "0", "EUR"),
      instrument_code: "BTC_EUR",
    });
    const trades = [btc("2026-11-30T10:00:00Z", "BUY"), btc("2026-11-29T10:00:00Z", "SELL")];
    const days = walkBack(current, asOf, trades, [day3, day2, day1], () => 2);
    // Day 3 ends before the withdrawal: the key can't know (0, truly 1). Day 2: the BUY undone
    // would be −1; the account held 0 then, as the walk now says. Day 1: the SELL undone: 1, as held.
    expect(days.map((d) => d.balances.get("BTC")!.toFixed())).toEqual(["0", "0", "1"]);
    expect(days.every((d) => [...d.balances.values()].every((v) => v.gte(0)))).toBe(true);
  });

  it("with no trades every day closes at today's balances", () => {
    const current = new Map([["BTC", new Decimal("0.5")]]);
    const days = walkBack(current, asOf, [], [day3, day2], () => 2);
    expect(days.map((d) => plain(d.balances))).toEqual([{ BTC: "0.5" }, { BTC: "0.5" }]);
  });

  it("prices a day from the candles that close at its end only", () => {
    const closes = new Map([
      [
        "BTC_EUR",
        new Map([
          [day1, "50000"],
          [day2, "51000"],
        ]),
      ],
      ["ETH_EUR", new Map([[day2, "2000"]])],
    ]);
    expect(closesAt(closes, day1)).toEqual([{ instrument_code: "BTC_EUR", last_price: "50000" }]);
    expect(closesAt(closes, day2)).toEqual([
      { instrument_code: "BTC_EUR", last_price: "51000" },
      { instrument_code: "ETH_EUR", last_price: "2000" },
    ]);
  });
});
