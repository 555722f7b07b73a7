import {
  EMPTY_FILTERS,
  filterProblems,
  filtersToQuery,
  filtersToSearch,
  parseFilters,
} from "@/lib/format/history-filters";

describe("history filters", () => {
  it("turns filters into the proxy's query, whole UTC days", () => {
    const q = filtersToQuery(
      { instrument: "BTC_EUR", side: "SELL", status: "cancelled", from: "2026-01-01", to: "2026-01-31" },
      { kind: "orders" },
    );
    expect(Object.fromEntries(q)).toEqual({
      instrument: "BTC_EUR",
      side: "SELL",
      status: "cancelled",
      from: "2026-01-01T00:00:00.000Z",
      to: "2026-01-31T23:59:59.999Z",
      pageSize: "50",
    });
  });

  it("leaves out what is not set, and status for trades", () => {
    expect(Object.fromEntries(filtersToQuery(EMPTY_FILTERS, { kind: "orders", pageSize: 20 }))).toEqual({
      status: "all",
      pageSize: "20",
    });
    expect(Object.fromEntries(filtersToQuery({ ...EMPTY_FILTERS, status: "open" }, { kind: "trades" }))).toEqual({
      pageSize: "50",
    });
  });

  it("round-trips through the page URL and drops malformed values", () => {
    const f = {
      instrument: "ETH_EUR",
      side: "BUY" as const,
      status: "filled" as const,
      from: "2026-02-01",
      to: "2026-03-01",
    };
    expect(parseFilters(new URLSearchParams(filtersToSearch(f, "orders")))).toEqual(f);
    expect(
      parseFilters(new URLSearchParams("instrument=../../x&side=HOLD&status=weird&from=yesterday&to=2026-13")),
    ).toEqual({ ...EMPTY_FILTERS, to: "" });
  });

  it("flags a start after the end", () => {
    expect(filterProblems({ ...EMPTY_FILTERS, from: "2026-05-02", to: "2026-05-01" }).from).toMatch(/before the end/);
    expect(filterProblems({ ...EMPTY_FILTERS, from: "2026-05-01", to: "2026-05-01" })).toEqual({});
  });
});
