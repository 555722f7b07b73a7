import { buildPriceTable, valueBalances, weightedChange24h } from "@/lib/money/valuation";

const tickers = [
  { instrument_code: "BTC_EUR", last_price: "50000.00", price_change_percentage: "2.00" },
  { instrument_code: "ETH_EUR", last_price: "3000.10", price_change_percentage: "-1.00" },
  { instrument_code: "BTC_USDT", last_price: "40000" },
  { instrument_code: "DOGE_USDT", last_price: "0.1" },
  { instrument_code: "PAN_BTC", last_price: "0.00000100" },
];
const bal = (currency_code: string, available: string, locked = "0") => ({ currency_code, available, locked });

describe("EUR valuation", () => {
  it("adds available and locked exactly and values through the EUR market", () => {
    const { rows, totalEur } = valueBalances([bal("BTC", "0.1", "0.2"), bal("EUR", "10.10", "0.20")], tickers);
    expect(rows[0]).toMatchObject({
      currency: "BTC",
      total: "0.3",
      priceEur: "50000",
      valueEur: "15000.00",
      source: { kind: "market", via: "BTC_EUR" },
    });
    expect(rows[1]).toMatchObject({ currency: "EUR", total: "10.3", valueEur: "10.30", source: { kind: "eur" } });
    expect(totalEur).toBe("15010.30");
  });

  it("keeps sums exact where floats would not (0.1 + 0.2)", () => {
    const { rows, totalEur } = valueBalances([bal("EUR", "0.1", "0.2"), bal("ETH", "0.000000000000000001")], tickers);
    expect(rows[0]!.total).toBe("0.3");
    expect(rows[1]!.total).toBe("0.000000000000000001");
    expect(totalEur).toBe("0.30");
  });

  it("prices a quote currency without a EUR market through BTC (USDT = BTC_EUR / BTC_USDT)", () => {
    const table = buildPriceTable(tickers);
    expect(table.get("USDT")!.price.toFixed()).toBe("1.25");
    const { rows } = valueBalances([bal("USDT", "100")], tickers);
    expect(rows[0]).toMatchObject({ valueEur: "125.00", source: { kind: "market", via: "BTC_EUR/BTC_USDT" } });
  });

  it("prices a base currency through its quote's EUR price (DOGE_USDT × USDT, PAN_BTC × BTC)", () => {
    const { rows } = valueBalances([bal("DOGE", "1000"), bal("PAN", "1000000")], tickers);
    expect(rows[0]!.valueEur).toBe("125.00");
    expect(rows[1]!.valueEur).toBe("50000.00");
  });

  it("marks currencies without any path to EUR as no price and leaves them out of the total", () => {
    const { rows, totalEur, unpriced } = valueBalances([bal("XYZ", "5"), bal("BTC", "1"), bal("ABC", "0")], tickers);
    expect(rows[0]).toMatchObject({ priceEur: null, valueEur: null, source: { kind: "none" } });
    expect(unpriced).toEqual(["XYZ"]); // zero balances are not worth a warning
    expect(totalEur).toBe("50000.00");
  });

  it("weights the 24 h change by EUR value and ignores EUR and unknown changes", () => {
    const { rows } = valueBalances(
      [bal("BTC", "1"), bal("ETH", "10"), bal("EUR", "1000"), bal("USDT", "100")],
      tickers,
    );
    // (50000 × 2 + 30001 × -1) / 80001, USDT has no 24 h change
    expect(weightedChange24h(rows)).toBe("0.87"); // 69999 / 80001 = 0.87497…
    expect(weightedChange24h(valueBalances([bal("EUR", "5")], tickers).rows)).toBeNull();
  });
});
