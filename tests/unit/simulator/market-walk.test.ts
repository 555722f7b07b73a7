// The simulator's prices: a seeded random walk per asset, reproducible, rough rather than a
// smooth wave, and consistent across instruments that share assets.
import Decimal from "decimal.js";
import { INSTRUMENT_BY_CODE, PERP_INSTRUMENTS, priceAt } from "@/lib/simulator/market";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1);
const btc = INSTRUMENT_BY_CODE.get("BTC_EUR")!;
const eth = INSTRUMENT_BY_CODE.get("ETH_EUR")!;
const ethBtc = INSTRUMENT_BY_CODE.get("ETH_BTC")!;
const p = (seed: string, inst = btc, t = T0) => priceAt(seed, inst, t).toNumber();

describe("simulator prices", () => {
  it("are the same for the same seed and time, and differ between seeds", () => {
    expect(priceAt("a", btc, T0).toFixed()).toBe(priceAt("a", btc, T0).toFixed());
    expect(p("a")).not.toBe(p("b"));
  });

  it("walk: daily log returns look like independent draws of the asset's volatility, not a wave", () => {
    const returns: number[] = [];
    for (let d = 0; d < 365; d++)
      returns.push(Math.log(p("walk", btc, T0 + (d + 1) * DAY) / p("walk", btc, T0 + d * DAY)));
    const mean = returns.reduce((s, r) => s + r, 0) / returns.length;
    const sd = Math.sqrt(returns.reduce((s, r) => s + (r - mean) ** 2, 0) / returns.length);
    // BTC's daily volatility is 3 %: the sample's lies near it.
    expect(sd).toBeGreaterThan(0.02);
    expect(sd).toBeLessThan(0.045);
    // A smooth wave changes direction a few times a month; a walk about every other day.
    let turns = 0;
    for (let i = 1; i < returns.length; i++) if (Math.sign(returns[i]!) !== Math.sign(returns[i - 1]!)) turns++;
    expect(turns).toBeGreaterThan(120);
    // Successive returns are (nearly) uncorrelated.
    let cov = 0;
    for (let i = 1; i < returns.length; i++) cov += (returns[i]! - mean) * (returns[i - 1]! - mean);
    expect(Math.abs(cov / (returns.length - 1) / sd ** 2)).toBeLessThan(0.2);
  });

  it("stay within a plausible band of the base price over years", () => {
    for (let d = 0; d < 3 * 365; d += 7) {
      const ratio = p("years", btc, T0 - d * DAY) / btc.basePrice;
      expect(ratio).toBeGreaterThan(0.25);
      expect(ratio).toBeLessThan(4);
    }
  });

  it("move continuously within a day: no jump between 10-second buckets or across midnight", () => {
    for (const t of [T0 + 3 * 3_600_000, T0 + DAY - 5_000]) {
      const a = p("cont", btc, t);
      const b = p("cont", btc, t + 10_000);
      expect(Math.abs(b / a - 1)).toBeLessThan(0.005);
    }
  });

  it("agree across instruments: ETH_BTC is ETH_EUR over BTC_EUR, a perpetual follows its underlying", () => {
    for (let d = 0; d < 30; d++) {
      const t = T0 + d * DAY + 12_345_000;
      const cross = new Decimal(priceAt("x", eth, t)).div(priceAt("x", btc, t)).toNumber();
      const scale = ethBtc.basePrice / (eth.basePrice / btc.basePrice);
      expect(Math.abs(p("x", ethBtc, t) / (cross * scale) - 1)).toBeLessThan(0.002);
      const perp = PERP_INSTRUMENTS.find((i) => i.code === "BTC_EUR_P")!;
      const perpScale = perp.basePrice / btc.basePrice;
      expect(Math.abs(priceAt("x", perp, t).toNumber() / (p("x", btc, t) * perpScale) - 1)).toBeLessThan(0.002);
    }
  });

  it("are given to the instrument's precision", () => {
    expect(priceAt("prec", btc, T0).decimalPlaces()).toBeLessThanOrEqual(btc.marketPrecision);
    expect(priceAt("prec", ethBtc, T0).decimalPlaces()).toBeLessThanOrEqual(ethBtc.marketPrecision);
  });
});
