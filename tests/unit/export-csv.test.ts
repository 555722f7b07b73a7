import { csvCell, csvLine, ORDER_COLUMNS, orderRow, TRADE_COLUMNS, tradeRow } from "@/lib/export/csv";
import { averagePrice, feeTotal } from "@/lib/money/trades";
import { exportCsvStream, type ExportPage } from "@/lib/export/stream";
import type { TradeEntry, Order } from "@/lib/exchange/schemas";
import { flushTasks } from "../helpers/flush";

function trade(over: Partial<TradeEntry["trade"]> = {}, fee: Partial<TradeEntry["fee"]> = {}): TradeEntry {
  return {
    trade: {
      trade_id: "t-1",
      order_id: "o-1",
      account_id: "acc",
      amount: "0.1",
      side: "BUY",
      instrument_code: "BTC_EUR",
      price: "0.2",
      time: "2024-03-01T10:00:00.123Z",
      sequence: 42,
      ...over,
    },
    fee: { fee_amount: "0.0001", fee_currency: "BTC", fee_percentage: "0.1", fee_type: "TAKER", ...fee },
  };
}

function order(over: Partial<Order> = {}): Order {
  return {
    order_id: "o-1",
    account_id: "acc",
    instrument_code: "BTC_EUR",
    time: "2024-03-01T09:59:00Z",
    side: "BUY",
    type: "LIMIT",
    amount: "4",
    filled_amount: "4",
    price: "200",
    status: "FILLED_FULLY",
    ...over,
  };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stream.getReader();
  const dec = new TextDecoder();
  let out = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out += dec.decode(value, { stream: true });
  }
}

describe("csvCell", () => {
  it("leaves plain values alone and empties null/undefined", () => {
    expect(csvCell("BTC_EUR")).toBe("BTC_EUR");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell("")).toBe("");
  });

  it("quotes per RFC 4180", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line1\nline2")).toBe('"line1\nline2"');
    expect(csvCell("a\r\nb")).toBe('"a\r\nb"');
  });

  it("neutralises formula injection in text cells", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+cmd")).toBe("'+cmd");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("\rx")).toBe('"\'\rx"');
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
  });

  it("does not alter numeric decimal strings", () => {
    expect(csvCell("-1.5")).toBe("-1.5");
    expect(csvCell("-0.00000001")).toBe("-0.00000001");
    expect(csvCell("123456789012345678901234567890.123456789")).toBe("123456789012345678901234567890.123456789");
    expect(csvCell("-1e5")).toBe("'-1e5");
  });

  it("builds CRLF-terminated lines", () => {
    expect(csvLine(["a", "b,c", null, "-1"])).toBe('a,"b,c",,-1\r\n');
  });
});

describe("tradeRow", () => {
  it("maps one trade to the columns with an exact value", () => {
    const row = tradeRow(trade());
    expect(row).toHaveLength(TRADE_COLUMNS.length);
    const byCol = Object.fromEntries(TRADE_COLUMNS.map((c, i) => [c, row[i]]));
    expect(byCol).toEqual({
      time: "2024-03-01T10:00:00.123Z",
      trade_id: "t-1",
      order_id: "o-1",
      instrument_code: "BTC_EUR",
      side: "BUY",
      amount: "0.1",
      price: "0.2",
      value: "0.02",
      fee_amount: "0.0001",
      fee_currency: "BTC",
      fee_percentage: "0.1",
      fee_type: "TAKER",
      sequence: "42",
    });
  });

  it("passes decimal strings through unchanged and never uses exponents", () => {
    const row = tradeRow(
      trade(
        { amount: "0.00000001", price: "0.00000010" },
        { fee_amount: "0.10", fee_percentage: undefined, fee_type: undefined },
      ),
    );
    expect(row[5]).toBe("0.00000001");
    expect(row[6]).toBe("0.00000010");
    expect(row[7]).toBe("0.000000000000001");
    expect(row[8]).toBe("0.10");
    expect(row[10]).toBe("");
    expect(row[11]).toBe("");
  });

  it("keeps large products exact", () => {
    const row = tradeRow(trade({ amount: "123456789.12345678", price: "98765.4321" }));
    expect(row[7]).toBe("12193263123456.789122374638");
  });
});

describe("orderRow", () => {
  it("averages price over trades and sums fees exactly", () => {
    const trades = [
      trade({ amount: "1", price: "100" }, { fee_amount: "0.1", fee_currency: "EUR" }),
      trade({ trade_id: "t-2", amount: "3", price: "200" }, { fee_amount: "0.2", fee_currency: "EUR" }),
    ];
    const row = orderRow({ order: order({ client_id: "=evil", time_last_updated: "2024-03-01T10:01:00Z" }), trades });
    expect(row).toHaveLength(ORDER_COLUMNS.length);
    const byCol = Object.fromEntries(ORDER_COLUMNS.map((c, i) => [c, row[i]]));
    expect(byCol).toEqual({
      time: "2024-03-01T09:59:00Z",
      order_id: "o-1",
      client_id: "=evil",
      instrument_code: "BTC_EUR",
      side: "BUY",
      type: "LIMIT",
      status: "FILLED_FULLY",
      price: "200",
      amount: "4",
      filled_amount: "4",
      average_price: "175",
      fee_total: "0.3",
      fee_currency: "EUR",
      time_last_updated: "2024-03-01T10:01:00Z",
    });
    // Injection neutralised when written out.
    expect(csvLine(row)).toContain(",'=evil,");
  });

  it("rounds a non-terminating average and leaves cells empty without trades", () => {
    expect(averagePrice([trade({ amount: "1", price: "1.1" }), trade({ amount: "2", price: "1.2" })])).toBe(
      "1.166666667",
    );
    const row = orderRow({ order: order({ price: undefined, type: "MARKET" }) });
    const byCol = Object.fromEntries(ORDER_COLUMNS.map((c, i) => [c, row[i]]));
    expect(byCol).toMatchObject({
      client_id: "",
      price: "",
      average_price: "",
      fee_total: "",
      fee_currency: "",
      time_last_updated: "",
    });
  });

  it("falls back to the exchange's average_price and does not sum mixed fee currencies", () => {
    expect(orderRow({ order: order({ average_price: "199.5" }), trades: [] })[10]).toBe("199.5");
    expect(
      feeTotal([
        trade({}, { fee_currency: "EUR", fee_amount: "1" }),
        trade({}, { fee_currency: "BEST", fee_amount: "2" }),
      ]),
    ).toEqual({ total: "", currency: "BEST + EUR" });
  });
});

describe("exportCsvStream", () => {
  function fakePages(n: number, perPage = 2) {
    const calls: (string | undefined)[] = [];
    const fetchPage = jest.fn(async (cursor: string | undefined): Promise<ExportPage<TradeEntry>> => {
      calls.push(cursor);
      const idx = cursor === undefined ? 0 : Number(cursor.slice(1));
      const items = Array.from({ length: perPage }, (_, i) => trade({ trade_id: `t-${idx}-${i}` }));
      return { items, nextCursor: idx + 1 < n ? `p${idx + 1}` : null };
    });
    return { fetchPage, calls };
  }

  it("yields the header then every row in order", async () => {
    const { fetchPage, calls } = fakePages(3);
    const onDone = jest.fn();
    const text = await readAll(exportCsvStream({ kind: "trades", fetchPage, onDone }));
    const lines = text.split("\r\n");
    expect(lines.pop()).toBe("");
    expect(lines[0]).toBe(TRADE_COLUMNS.join(","));
    expect(lines.slice(1).map((l) => l.split(",")[1])).toEqual(["t-0-0", "t-0-1", "t-1-0", "t-1-1", "t-2-0", "t-2-1"]);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(calls).toEqual([undefined, "p1", "p2"]);
    expect(onDone).toHaveBeenCalledTimes(1);
    expect(onDone).toHaveBeenCalledWith(6, 3, false, undefined);
  });

  it("fetches lazily", async () => {
    const { fetchPage } = fakePages(3);
    const reader = exportCsvStream({ kind: "trades", fetchPage }).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe(TRADE_COLUMNS.join(",") + "\r\n");
    await flushTasks();
    expect(fetchPage.mock.calls.length).toBeLessThanOrEqual(2);
    await reader.read();
    await flushTasks();
    expect(fetchPage.mock.calls.length).toBeLessThanOrEqual(2);
    await reader.cancel();
  });

  it("stops fetching when cancelled", async () => {
    const { fetchPage } = fakePages(10);
    const onDone = jest.fn();
    const reader = exportCsvStream({ kind: "trades", fetchPage, onDone }).getReader();
    await reader.read(); // header
    await reader.read(); // page 1
    await reader.cancel();
    const after = fetchPage.mock.calls.length;
    await flushTasks();
    expect(fetchPage.mock.calls.length).toBe(after);
    expect(after).toBeLessThanOrEqual(2);
    expect(onDone).toHaveBeenCalledTimes(1);
    expect(onDone.mock.calls[0]![2]).toBe(true);
  });

  it("stops fetching when the signal aborts", async () => {
    const { fetchPage } = fakePages(10);
    const ac = new AbortController();
    const onDone = jest.fn();
    const reader = exportCsvStream({ kind: "trades", fetchPage, signal: ac.signal, onDone }).getReader();
    await reader.read();
    await reader.read();
    ac.abort();
    await expect(reader.read()).rejects.toBeDefined();
    const after = fetchPage.mock.calls.length;
    await flushTasks();
    expect(fetchPage.mock.calls.length).toBe(after);
    expect(onDone.mock.calls[0]![2]).toBe(true);
  });

  it("errors the stream when a page fails mid-way", async () => {
    let n = 0;
    const boom = new Error("rate limited");
    const onDone = jest.fn();
    const fetchPage = jest.fn(async (): Promise<ExportPage<TradeEntry>> => {
      if (n++ === 1) throw boom;
      return { items: [trade()], nextCursor: `p${n}` };
    });
    await expect(readAll(exportCsvStream({ kind: "trades", fetchPage, onDone }))).rejects.toBe(boom);
    expect(onDone).toHaveBeenCalledWith(1, 1, false, boom);
  });

  it("skips empty pages that still have a cursor and writes order rows", async () => {
    const pages: ExportPage<{ order: Order }>[] = [
      { items: [], nextCursor: "a" },
      { items: [{ order: order({ order_id: "o-9" }) }], nextCursor: undefined },
    ];
    const fetchPage = jest.fn(async () => pages.shift()!);
    const text = await readAll(exportCsvStream({ kind: "orders", fetchPage }));
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe(ORDER_COLUMNS.join(","));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("o-9");
  });
});
