// The export's page pipeline (lib/export/read-ahead.ts) under the CSV stream: one page of
// read-ahead and no more, nothing new once the download is abandoned, and patience with the
// budget's pacing only.
import { exportCsvStream, type ExportPage } from "@/lib/export/stream";
import { patientLoad, readAhead } from "@/lib/export/read-ahead";
import { AppError } from "@/lib/errors";
import type { TradeEntry } from "@/lib/exchange/schemas";
import { flushTasks } from "../helpers/flush";

function trade(id: string): TradeEntry {
  return {
    trade: {
      trade_id: id,
      order_id: "o-1",
      account_id: "acc",
      amount: "0.1",
      side: "BUY",
      instrument_code: "BTC_EUR",
      price: "0.2",
      time: "2024-03-01T10:00:00.123Z",
      sequence: 42,
    },
    fee: { fee_amount: "0.0001", fee_currency: "BTC", fee_percentage: "0.1", fee_type: "TAKER" },
  };
}

/** Pages p0..p(n-1); the first is handed over already fetched, as the route does. */
function pages(n: number) {
  const asked: (string | undefined)[] = [];
  const page = (i: number): ExportPage<TradeEntry> => ({
    items: [trade(`t-${i}`)],
    nextCursor: i + 1 < n ? `p${i + 1}` : null,
  });
  const load = jest.fn(async (cursor: string | undefined) => {
    asked.push(cursor);
    return page(cursor === undefined ? 0 : Number(cursor.slice(1)));
  });
  return { load, asked, first: page(0) };
}

describe("read-ahead", () => {
  it("writes every page in order, each fetched once", async () => {
    const { load, asked, first } = pages(5);
    let running = true;
    const stream = exportCsvStream({
      kind: "trades",
      fetchPage: readAhead(load, first, () => running),
      onDone: () => (running = false),
    });
    const text = await new Response(stream).text();
    expect(
      text
        .trim()
        .split("\r\n")
        .slice(1)
        .map((l) => l.split(",")[1]),
    ).toEqual(["t-0", "t-1", "t-2", "t-3", "t-4"]);
    expect(asked).toEqual(["p1", "p2", "p3", "p4"]);
  });

  it("fetches the next page while the current one streams, but never more than one ahead", async () => {
    const { load, first } = pages(10);
    const reader = exportCsvStream({ kind: "trades", fetchPage: readAhead(load, first, () => true) }).getReader();
    // Before anything is read, the second page is on its way (the first came with the response).
    expect(load).toHaveBeenCalledTimes(1);
    await reader.read(); // header
    await flushTasks();
    // The stream holds page 0 for the reader; page 1 is fetched ahead; nothing further.
    expect(load).toHaveBeenCalledTimes(1);
    await reader.read(); // page 0
    await flushTasks();
    expect(load.mock.calls.length).toBeLessThanOrEqual(2);
    await reader.read(); // page 1
    await flushTasks();
    expect(load.mock.calls.length).toBeLessThanOrEqual(3);
    await reader.cancel();
  });

  it("an abandoned download stops fetching: only the page already on its way", async () => {
    const { load, first } = pages(10);
    let running = true;
    const reader = exportCsvStream({
      kind: "trades",
      fetchPage: readAhead(load, first, () => running),
      onDone: () => (running = false),
    }).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    const after = load.mock.calls.length;
    await flushTasks();
    expect(load.mock.calls.length).toBe(after);
    expect(after).toBeLessThanOrEqual(2);
  });

  it("a page fetched ahead that fails fails the stream when reached, and is dropped otherwise", async () => {
    const boom = new Error("exchange down");
    const load = jest.fn(async (): Promise<ExportPage<TradeEntry>> => {
      throw boom;
    });
    const first: ExportPage<TradeEntry> = { items: [trade("t-0")], nextCursor: "p1" };
    await expect(
      new Response(exportCsvStream({ kind: "trades", fetchPage: readAhead(load, first, () => true) })).text(),
    ).rejects.toBe(boom);
    // Never asked for: no unhandled rejection (jest would fail the run).
    readAhead(load, first, () => true);
    await flushTasks();
  });
});

describe("patience with the budget's pacing", () => {
  afterEach(() => jest.useRealTimers());
  const pacing = () => new AppError("rate_limited", { text: "pacing" }, { reason: "budget", retryAfterSeconds: 2 });

  it("asks again after the budget's wait while only pacing refuses the page", async () => {
    jest.useFakeTimers();
    let n = 0;
    const load = jest.fn(async () => {
      if (n++ < 2) throw pacing();
      return "page";
    });
    const got = patientLoad(load)("c");
    await jest.advanceTimersByTimeAsync(1_999);
    expect(load).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(2_001);
    await expect(got).resolves.toBe("page");
    expect(load).toHaveBeenCalledTimes(3);
  });

  it("gives up after a few refusals, and at once for anything else", async () => {
    jest.useFakeTimers();
    const always = jest.fn(async () => {
      throw pacing();
    });
    const got = patientLoad(always, undefined, 2)("c");
    got.catch(() => undefined);
    await jest.advanceTimersByTimeAsync(10_000);
    await expect(got).rejects.toMatchObject({ code: "rate_limited" });
    expect(always).toHaveBeenCalledTimes(3);
    for (const err of [
      new AppError("rate_limited", { text: "cool-down" }, { reason: "account_cooldown", retryAfterSeconds: 60 }),
      new AppError("upstream_unavailable", { text: "down" }),
    ]) {
      const once = jest.fn(async () => {
        throw err;
      });
      await expect(patientLoad(once)("c")).rejects.toBe(err);
      expect(once).toHaveBeenCalledTimes(1);
    }
  });

  it("stops waiting when the export is cancelled", async () => {
    jest.useFakeTimers();
    const ac = new AbortController();
    const load = jest.fn(async () => {
      throw pacing();
    });
    const got = patientLoad(load, ac.signal)("c");
    got.catch(() => undefined);
    await jest.advanceTimersByTimeAsync(500);
    ac.abort();
    await jest.advanceTimersByTimeAsync(0);
    await expect(got).rejects.toMatchObject({ code: "rate_limited" });
    expect(load).toHaveBeenCalledTimes(1);
  });
});
