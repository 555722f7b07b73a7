import {
  compareDecimal,
  formatCount,
  formatDecimal,
  formatEur,
  formatFeeRate,
  formatMoney,
  formatPercent,
  formatUtc,
} from "@/lib/format/format";

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("locale formatting of exact decimals", () => {
  it("keeps every significant digit of a decimal string, grouped per locale", () => {
    expect(formatDecimal("1234567.123456789012345678", "en")).toBe("1,234,567.123456789012345678");
    expect(formatDecimal("1234567.123456789012345678", "de")).toBe("1.234.567,123456789012345678");
    expect(formatDecimal("0.10000000", "en")).toBe("0.1");
    expect(formatDecimal("5", "de", { minFraction: 2 })).toBe("5,00");
  });

  it("formats EUR and percentages per locale", () => {
    expect(formatEur("12345678901234567.125", "en")).toBe("€12,345,678,901,234,567.13");
    expect(formatEur("1234.5", "de").replace(/\u00a0/g, " ")).toBe("1.234,50 €");
    expect(formatPercent("-1.5", "de", true)).toBe("-1,5 %");
    expect(formatPercent("2", "en", true)).toBe("+2.0 %");
  });

  it("has one percent rule: 1 decimal, half away from zero, in both languages", () => {
    expect(formatPercent("34.40", "en")).toBe("34.4 %");
    expect(formatPercent("34.25", "en")).toBe("34.3 %");
    expect(formatPercent("34.25", "de")).toBe("34,3 %");
    expect(formatPercent("25", "en")).toBe("25.0 %");
    expect(formatPercent("0", "en", true)).toBe("0.0 %");
  });

  it("keeps a fee rate's digits (2 to 4 decimals)", () => {
    expect(formatFeeRate("0.15", "en")).toBe("0.15 %");
    expect(formatFeeRate("0.1", "de")).toBe("0,10 %");
    expect(formatFeeRate("0.0750", "en")).toBe("0.075 %");
  });

  it("puts every value's currency next to it, to the precision given", () => {
    expect(formatMoney("181.6906126", "EUR", "en", 2)).toBe("€181.69");
    expect(nbsp(formatMoney("181.6906126", "EUR", "de", 2))).toBe("181,69 €");
    expect(formatMoney("48710.62", "EUR", "en", 2)).toBe("€48,710.62");
    expect(formatMoney("0.0012", "BTC", "en", 8)).toBe("0.00120000 BTC");
    expect(formatMoney("1234.5", "BEST", "de", 2)).toBe("1.234,50 BEST");
    expect(nbsp(formatMoney("2524711.4", "EUR", "de"))).toBe("2.524.711,40 €");
    expect(formatMoney("0.123456789", "BTC", "en")).toBe("0.123456789 BTC");
    expect(formatMoney("3.999", "USD", "en", 2)).toBe("US$4.00");
  });

  it("formats counts per locale", () => {
    expect(formatCount(6369, "en")).toBe("6,369");
    expect(formatCount(6369, "de")).toBe("6.369");
  });

  it("shows times in UTC whatever the viewer's zone", () => {
    expect(formatUtc("2026-11-26T23:59:58.123Z", "en")).toBe("26 Nov 2026, 23:59:58 UTC");
    expect(formatUtc("2026-11-26T23:59:58.123Z", "de")).toBe("26.11.2026, 23:59:58 UTC");
  });

  it("orders decimal strings without floats", () => {
    const values = ["10", "9.99999999999999999999", "-1", "0", "10.000000000000000001", "-0.5", "0010"];
    expect([...values].sort(compareDecimal)).toEqual([
      "-1",
      "-0.5",
      "0",
      "9.99999999999999999999",
      "10",
      "0010",
      "10.000000000000000001",
    ]);
    expect(compareDecimal("1.10", "1.1")).toBe(0);
  });
});
