// The export's walk over its range (lib/export/windows.ts) and the memory of empty trade
// windows (lib/export/empty-windows.ts): a stretch known to be empty costs no exchange call.
import { nextWindowPage, type WindowPage, type WindowWalk } from "@/lib/export/windows";
import { covers, EmptyWindows, mergeInterval, SETTLED_MS } from "@/lib/export/empty-windows";

const DAY = 86_400_000;
const WINDOW = 100 * DAY;
const NOW = Date.parse("2026-12-01T00:00:00Z");

/** An account whose trades (one a day) start `startDaysAgo` days ago; pages of up to 50. */
function exchange(startDaysAgo: number) {
  const calls: { from: number; to: number; cursor?: string }[] = [];
  const times = Array.from({ length: startDaysAgo }, (_, i) => NOW - (i + 1) * DAY);
  const list = async (from: number, to: number, cursor: string | undefined): Promise<WindowPage<number>> => {
    calls.push({ from, to, cursor });
    const inWindow = times.filter((t) => t >= from && t <= to);
    const skip = cursor ? Number(cursor) : 0;
    const items = inWindow.slice(skip, skip + 50);
    const more = skip + 50 < inWindow.length;
    return { items, nextCursor: more ? String(skip + 50) : null, source: "live" };
  };
  return { calls, list };
}

async function walkAll(walk: WindowWalk<number>) {
  const got: number[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 1_000; i++) {
    const page = await nextWindowPage(walk, cursor);
    got.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return got;
}

describe("export window walk", () => {
  const range = { from: NOW - 3 * 365 * DAY, to: NOW };

  it("covers the range newest first, one exchange window per request, every item once", async () => {
    const ex = exchange(200);
    const got = await walkAll({
      range,
      windowMs: WINDOW,
      list: ex.list,
      knownEmpty: async () => false,
      foundEmpty: async () => {},
    });
    expect(got).toHaveLength(200);
    expect(new Set(got).size).toBe(200);
    expect([...got].sort((a, b) => b - a)).toEqual(got);
    for (const c of ex.calls) expect(c.to - c.from).toBeLessThanOrEqual(WINDOW);
    // Windows don't overlap and leave no gap: each starts 1 ms before the previous one ended.
    const starts = ex.calls.filter((c) => !c.cursor);
    for (let i = 1; i < starts.length; i++) expect(starts[i]!.to).toBe(starts[i - 1]!.from - 1);
    expect(starts[starts.length - 1]!.from).toBe(range.from);
  });

  it("a second export skips the windows the first found empty, at no exchange call", async () => {
    const store = new EmptyWindows(null);
    const mk = (ex: ReturnType<typeof exchange>): WindowWalk<number> => ({
      range,
      windowMs: WINDOW,
      list: ex.list,
      knownEmpty: async (f, t) => covers(await store.list("k:trades:*"), f, t),
      foundEmpty: (f, t) => store.add("k:trades:*", f, t, NOW),
    });
    // Three years asked, 150 days traded: 11 windows, 9 of them empty.
    const first = exchange(150);
    expect(await walkAll(mk(first))).toHaveLength(150);
    const firstWindows = first.calls.filter((c) => !c.cursor).length;
    expect(firstWindows).toBe(11);
    const again = exchange(150);
    expect(await walkAll(mk(again))).toHaveLength(150);
    expect(again.calls.filter((c) => !c.cursor).length).toBe(2);
    expect(again.calls.length).toBe(first.calls.length - 9);
  });

  it("remembers only settled windows, and nothing from a stale page", async () => {
    const store = new EmptyWindows(null);
    await store.add("s", NOW - 10 * DAY, NOW - SETTLED_MS / 2, NOW);
    expect(await store.list("s")).toEqual([]);
    const found: [number, number][] = [];
    await nextWindowPage(
      {
        range: { from: NOW - 10 * DAY, to: NOW - 5 * DAY },
        windowMs: WINDOW,
        list: async () => ({ items: [], nextCursor: null, source: "stale" }),
        knownEmpty: async () => false,
        foundEmpty: async (f, t) => void found.push([f, t]),
      },
      undefined,
    );
    expect(found).toEqual([]);
  });

  it("merges touching intervals and answers only for a window wholly inside one", () => {
    let list = mergeInterval([], [100, 199]);
    list = mergeInterval(list, [300, 399]);
    list = mergeInterval(list, [200, 299]);
    expect(list).toEqual([[100, 399]]);
    expect(covers(list, 150, 350)).toBe(true);
    expect(covers(list, 50, 150)).toBe(false);
    expect(covers(mergeInterval(list, [500, 600]), 350, 550)).toBe(false);
  });

  it("refuses a cursor it did not write", async () => {
    const ex = exchange(10);
    await expect(
      nextWindowPage(
        { range, windowMs: WINDOW, list: ex.list, knownEmpty: async () => false, foundEmpty: async () => {} },
        "x",
      ),
    ).rejects.toMatchObject({ code: "bad_request" });
  });
});
