import { exportProgress, lastRowTime } from "@/lib/format/export-progress";
import { allocation } from "@/lib/format/allocation";

describe("export progress", () => {
  const from = "2026-01-01T00:00:00.000Z";
  const to = "2026-01-11T00:00:00.000Z";
  it("measures how far back through the range the newest-first rows have reached", () => {
    const p = exportProgress({ from, to, rows: 250, oldestTime: "2026-01-06T00:00:00.000Z", elapsedMs: 10_000 });
    expect(p).toEqual({ rows: 250, pages: 3, fraction: 0.5, secondsLeft: 10, oldest: "2026-01-06T00:00:00.000Z" });
    expect(exportProgress({ from, to, rows: 0, oldestTime: null, elapsedMs: 100 })).toMatchObject({
      fraction: 0,
      secondsLeft: null,
    });
  });
  it("reads the time of the last complete row", () => {
    expect(lastRowTime("time,trade_id\r\n2026-01-10T01:00:00.000Z,a\r\n2026-01-09T01:00:00.000Z,b\r\n2026-01-0")).toBe(
      "2026-01-09T01:00:00.000Z",
    );
    expect(lastRowTime("time,trade_id\r\n")).toBeNull();
  });
});

describe("allocation", () => {
  it("gives shares of the total, largest first, folding the tail into Other", () => {
    const rows = [
      ["A", "50"],
      ["B", "20"],
      ["C", "10"],
      ["D", "8"],
      ["E", "6"],
      ["F", "4"],
      ["G", "2"],
      ["H", null],
    ].map(([currency, valueEur]) => ({ currency: currency!, valueEur: valueEur ?? null }));
    const s = allocation(rows, 6);
    expect(s.map((x) => x.currency)).toEqual(["A", "B", "C", "D", "E", "Other"]);
    expect(s.map((x) => x.pct)).toEqual(["50.0", "20.0", "10.0", "8.0", "6.0", "6.0"]);
    expect(s[5]!.valueEur).toBe("6.00");
    expect(allocation([{ currency: "X", valueEur: null }])).toEqual([]);
  });
});
