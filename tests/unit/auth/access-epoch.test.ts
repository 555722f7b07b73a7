// The access epoch's contract in memory: a caller only ever gets an epoch from a read that
// began after it asked, concurrent callers share reads, and a kept row is reused only while the
// epoch is the one it was read at.
import { coalescedReader, EpochCache } from "@/lib/sessions/access-epoch";

jest.mock("@/lib/db", () => ({ hotRows: jest.fn() }));

/** A reader whose reads the test finishes by hand, returning the counter's value when each read began. */
function manualReader() {
  let counter = 0;
  const pending: { startedAt: number; finish: () => void }[] = [];
  const read = () =>
    new Promise<string | null>((resolve) => {
      const startedAt = counter;
      pending.push({ startedAt, finish: () => resolve(String(startedAt)) });
    });
  return {
    read,
    bump: () => counter++,
    pending,
    finishNext: async () => {
      pending.shift()!.finish();
      // let the coalescer's continuations run
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
  };
}

describe("coalescedReader", () => {
  it("gives a caller who arrives while a read is out the next read, not that one", async () => {
    const r = manualReader();
    const epoch = coalescedReader(r.read);
    const first = epoch();
    r.bump(); // a revocation commits while the first read is out
    const second = epoch();
    await r.finishNext();
    await expect(first).resolves.toBe("0");
    expect(r.pending).toHaveLength(1); // the second caller's own read, begun after the first ended
    await r.finishNext();
    await expect(second).resolves.toBe("1");
  });

  it("lets every caller waiting for the next read share it", async () => {
    const r = manualReader();
    const epoch = coalescedReader(r.read);
    void epoch();
    const waiting = [epoch(), epoch(), epoch()];
    await r.finishNext();
    expect(r.pending).toHaveLength(1);
    await r.finishNext();
    await expect(Promise.all(waiting)).resolves.toEqual(["0", "0", "0"]);
  });

  it("starts a new read for a caller who arrives after the last one ended", async () => {
    const r = manualReader();
    const epoch = coalescedReader(r.read);
    const a = epoch();
    await r.finishNext();
    await a;
    r.bump();
    const b = epoch();
    expect(r.pending).toHaveLength(1);
    await r.finishNext();
    await expect(b).resolves.toBe("1");
  });

  it("passes a failed read on, and the next caller reads again", async () => {
    let fail = true;
    const epoch = coalescedReader(() => (fail ? Promise.reject(new Error("down")) : Promise.resolve("7")));
    await expect(epoch()).rejects.toThrow("down");
    fail = false;
    await expect(epoch()).resolves.toBe("7");
  });
});

describe("EpochCache", () => {
  it("reuses a row only while the epoch is the one it was read at", async () => {
    const cache = new EpochCache<{ v: number }>(10);
    cache.set("a", "5", { v: 1 });
    await expect(cache.get("a", async () => "5")).resolves.toEqual({ v: 1 });
    await expect(cache.get("a", async () => "6")).resolves.toBeNull();
    // dropped once stale: even the old epoch no longer finds it
    await expect(cache.get("a", async () => "5")).resolves.toBeNull();
  });

  it("keeps nothing read without an epoch, and treats an unknown or failed epoch read as a miss", async () => {
    const cache = new EpochCache<number>(10);
    cache.set("none", null, 1);
    expect(cache.size).toBe(0);
    cache.set("a", "1", 1);
    await expect(cache.get("a", async () => null)).resolves.toBeNull();
    cache.set("b", "1", 2);
    await expect(cache.get("b", () => Promise.reject(new Error("down")))).resolves.toBeNull();
  });

  it("doesn't read the epoch when it holds nothing for the key", async () => {
    const cache = new EpochCache<number>(10);
    const epoch = jest.fn(async () => "1");
    await expect(cache.get("missing", epoch)).resolves.toBeNull();
    expect(epoch).not.toHaveBeenCalled();
  });

  it("stays within its bound", () => {
    const cache = new EpochCache<number>(3);
    for (let i = 0; i < 10; i++) cache.set(String(i), "1", i);
    expect(cache.size).toBe(3);
  });
});
