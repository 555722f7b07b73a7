// The value history's maths: the change over a range and its split into prices and balance
// changes (they add up to the change exactly), and the snapshot job's periods.
import { changeOver, parseRange, rangeStart } from "@/lib/portfolio/series";

jest.mock("server-only", () => ({}));

const p = (h: number, total: string, rows: [string, string, string | null][]) => ({
  at: new Date(Date.UTC(2026, 0, 1, h)),
  totalEur: total,
  rows: rows.map(([currency, amount, priceEur]) => ({ currency, amount, priceEur })),
});

describe("changeOver", () => {
  it("splits a pure price move into the price effect and a deposit into the balance effect", () => {
    const points = [
      p(0, "1000.00", [["BTC", "0.1", "10000"]]),
      p(1, "1100.00", [["BTC", "0.1", "11000"]]), // price +1000 → +100
      p(2, "1650.00", [["BTC", "0.15", "11000"]]), // bought 0.05 at 11000 → +550
    ];
    expect(changeOver(points)).toEqual({
      changeEur: "650.00",
      changePct: "65.00",
      priceEffectEur: "100.00",
      balanceEffectEur: "550.00",
    });
  });

  it("uses a point's stored price effect when it has one (the sums downsampling keeps)", () => {
    const points = [
      p(0, "1000.00", [["BTC", "0.1", "10000"]]),
      { ...p(1, "1300.00", [["BTC", "0.1", "13000"]]), priceEffectEur: "250.005" },
      { ...p(2, "1350.00", [["BTC", "0.1", "13500"]]), priceEffectEur: null },
    ];
    expect(changeOver(points)).toMatchObject({ changeEur: "350.00", priceEffectEur: "250.01" });
  });

  it("leaves unpriced currencies out of the price effect, and the parts still add up to the change", () => {
    const points = [
      p(0, "500.00", [
        ["EUR", "500", "1"],
        ["ABC", "5", null],
      ]),
      p(1, "510.33", [
        ["EUR", "500", "1"],
        ["ETH", "0.005", "2066"],
        ["ABC", "5", null],
      ]),
    ];
    const c = changeOver(points)!;
    expect(c.priceEffectEur).toBe("0.00");
    expect(c.balanceEffectEur).toBe("10.33");
  });

  it("has no change with fewer than two points", () => {
    expect(changeOver([])).toBeNull();
    expect(changeOver([p(0, "1", [])])).toBeNull();
  });
});

describe("ranges and periods", () => {
  it("parses ranges (default 30 days) and gives their starts", () => {
    expect(parseRange("1y")).toBe("1y");
    expect(parseRange("bogus")).toBe("30d");
    expect(parseRange(null)).toBe("30d");
    const now = new Date("2026-03-01T12:00:00Z");
    expect(rangeStart("24h", now)?.toISOString()).toBe("2026-02-28T12:00:00.000Z");
    expect(rangeStart("all", now)).toBeNull();
  });

  it("aligns the job's periods to the hour, or to every N hours from UTC midnight", async () => {
    jest.doMock("@/lib/db", () => ({ db: {} }));
    jest.doMock("@/lib/portfolio/take", () => ({ takeSnapshot: jest.fn() }));
    const { periodStart, snapshotCron } = await import("@/lib/portfolio/jobs");
    expect(periodStart(new Date("2026-03-01T13:59:59Z"), 1).toISOString()).toBe("2026-03-01T13:00:00.000Z");
    expect(periodStart(new Date("2026-03-01T13:59:59Z"), 6).toISOString()).toBe("2026-03-01T12:00:00.000Z");
    expect(snapshotCron(1)).toBe("0 * * * *");
    expect(snapshotCron(6)).toBe("0 */6 * * *");
  });
});
