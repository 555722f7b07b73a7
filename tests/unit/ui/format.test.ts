import { compareDecimal, formatDecimal, formatEur, formatPercent, formatUtc } from "@/lib/ui/format";

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
    expect(formatPercent("-1.5", "de", true)).toBe("-1,50 %");
    expect(formatPercent("2", "en", true)).toBe("+2.00 %");
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
