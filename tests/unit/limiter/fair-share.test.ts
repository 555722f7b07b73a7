// The fairness maths of the upstream budget, on a simulated clock: callers ask as fast as
// the budget lets them (each retries when told to), and every step checks the ceilings.
import { MemoryFairStore } from "@/lib/limiter/memory-store";
import { BACKGROUND_MIN_SHARE, layerAsk } from "@/lib/limiter/fair-share";
import { BACKGROUND_RESERVE, type Priority } from "@/lib/limiter/policy";

interface Caller {
  user: string;
  priority: Priority;
  /** Asks only from this time (ms) on. */
  from?: number;
  /** Asks at most this often (ms between calls); 0: as fast as allowed. */
  everyMs?: number;
}

const ACCOUNT = 180;
const IP = 220;
/** What background work is guaranteed of the account's minute while it waits (27). */
const FLOOR = Math.ceil(ACCOUNT * BACKGROUND_MIN_SHARE);

function simulate(callers: Caller[], ms: number, opts: { accountKeys?: string[] } = {}) {
  const store = new MemoryFairStore([
    layerAsk(IP, BACKGROUND_RESERVE),
    layerAsk(ACCOUNT, BACKGROUND_RESERVE),
    layerAsk(IP, BACKGROUND_RESERVE),
  ]);
  const next = callers.map((c) => c.from ?? 0);
  const takes: { at: number; user: string }[] = [];
  const waits: Record<string, number[]> = {};
  const askedAt = callers.map(() => -1);
  let id = 0;
  // Per ceiling (the IP, each account): take times, and the first one still in the minute.
  const windows = new Map<string, { at: number[]; start: number }>();
  const checkCeiling = (key: string, now: number, limit: number) => {
    const w = windows.get(key) ?? { at: [], start: 0 };
    windows.set(key, w);
    w.at.push(now);
    while (w.at[w.start]! <= now - 60_000) w.start++;
    expect(w.at.length - w.start).toBeLessThanOrEqual(limit);
  };
  for (let now = 0; now < ms; now += 5) {
    // Callers in alternating order, as requests arrive in no fixed order.
    const order = callers.map((_, i) => i);
    if ((now / 5) % 2 === 1) order.reverse();
    for (const i of order) {
      const c = callers[i]!;
      if (now < next[i]!) continue;
      if (askedAt[i]! < 0) askedAt[i] = now;
      const account = opts.accountKeys?.[i] ?? "acc";
      const keys = ["ip:egress", `account:${account}`, `user:${c.user}`];
      const r = store.take(keys, c.user, c.priority, now, String(id++));
      if (r.ok) {
        takes.push({ at: now, user: c.user });
        // The ceilings hold at every step, in the rolling minute ending now.
        checkCeiling("ip", now, IP);
        checkCeiling(account, now, ACCOUNT);
        (waits[c.user] ??= []).push(now - askedAt[i]!);
        askedAt[i] = -1;
        next[i] = now + (c.everyMs ?? 0);
      } else next[i] = now + r.retryAfterMs;
    }
  }
  const count = (user: string, fromMs: number, toMs = ms) =>
    takes.filter((t) => t.user === user && t.at >= fromMs && t.at < toMs).length;
  return { takes, count, waits };
}

describe("fair share that lends idle capacity", () => {
  it("one user alone reaches the whole account budget", () => {
    const { count } = simulate([{ user: "alone", priority: "interactive" }], 180_000);
    expect(count("alone", 0, 60_000)).toBe(ACCOUNT);
    expect(count("alone", 60_000, 120_000)).toBe(ACCOUNT);
    expect(count("alone", 120_000, 180_000)).toBe(ACCOUNT);
  });

  it("an export alone uses the whole budget but a slot or two (>= 90 %)", () => {
    const { count } = simulate([{ user: "export", priority: "background" }], 240_000);
    // Paced at one call per 1/180 of a minute; with nobody reading, it leaves only 2 of the
    // account's 180 free for a person who arrives.
    for (const from of [60_000, 120_000, 180_000]) {
      expect(count("export", from, from + 60_000)).toBeGreaterThanOrEqual(176);
      expect(count("export", from, from + 60_000)).toBeLessThanOrEqual(178);
    }
  });

  it("an export leaves the full reserve while people read, and takes it back after they leave", () => {
    const { count } = simulate(
      [
        { user: "export", priority: "background" },
        { user: "viewer", priority: "interactive", everyMs: 5_000 },
      ],
      120_000,
    );
    // 12 reads a minute by the viewer: the export keeps 9 slots free, so it gets at most 171 - 12.
    expect(count("viewer", 60_000, 120_000)).toBeGreaterThanOrEqual(11);
    expect(count("export", 60_000, 120_000)).toBeLessThanOrEqual(171 - 11);
    expect(count("export", 60_000, 120_000)).toBeGreaterThanOrEqual(171 - 13 - 3);
  });

  it("two busy users converge to half each", () => {
    const { count } = simulate(
      [
        { user: "first", priority: "interactive" },
        { user: "second", priority: "interactive", from: 30_000 },
      ],
      300_000,
    );
    // The first had the account alone for half a minute; within a few minutes of sharing, each gets half.
    const a = count("first", 180_000, 300_000);
    const b = count("second", 180_000, 300_000);
    expect(a + b).toBeGreaterThanOrEqual(2 * ACCOUNT - 2);
    expect(Math.abs(a - b)).toBeLessThanOrEqual(4);
  });

  it("three busy users on one account get a third each; unused shares are lent out", () => {
    // The third asks only 30 times a minute: the other two share what it leaves.
    const { count } = simulate(
      [
        { user: "a", priority: "interactive" },
        { user: "b", priority: "interactive" },
        { user: "light", priority: "interactive", everyMs: 2_000 },
      ],
      240_000,
    );
    // It asks two seconds after each answer, and each answer comes within a fraction of a second.
    expect(count("light", 120_000, 240_000)).toBeGreaterThanOrEqual(54);
    const a = count("a", 120_000, 240_000);
    const b = count("b", 120_000, 240_000);
    expect(a + b + count("light", 120_000, 240_000)).toBeGreaterThanOrEqual(2 * ACCOUNT - 3);
    expect(Math.abs(a - b)).toBeLessThanOrEqual(4);
  });

  it("background work yields to interactive reads, and a reader is served at once", () => {
    const { count, waits } = simulate(
      [
        { user: "export", priority: "background" },
        { user: "viewer", priority: "interactive", from: 90_000, everyMs: 1_000 },
      ],
      240_000,
    );
    // The viewer asks once a second and always gets through within the export's pace.
    expect(count("viewer", 120_000, 240_000)).toBeGreaterThanOrEqual(118);
    expect(Math.max(...waits["viewer"]!)).toBeLessThanOrEqual(1_000);
    // The export slows by what the viewer takes, no more.
    expect(count("export", 120_000, 240_000)).toBeGreaterThanOrEqual(2 * 171 - 120 - 6);
  });

  it("a greedy reader keeps precedence, but an export still gets its guaranteed minimum", () => {
    const { count, waits } = simulate(
      [
        { user: "export", priority: "background" },
        { user: "greedy", priority: "interactive", from: 60_000 },
      ],
      240_000,
    );
    // The reader gets everything but the export's 15 % (a little more: it is owed a call 0.8 ×
    // 60 / 27 s after its last one); the export never stops, and its calls come evenly, also
    // while the reader takes over the minute the export had.
    expect(count("greedy", 120_000, 240_000)).toBeGreaterThanOrEqual(2 * (ACCOUNT - FLOOR) - 12);
    for (const from of [60_000, 90_000]) expect(count("export", from, from + 60_000)).toBeGreaterThanOrEqual(FLOOR - 4);
    for (const from of [120_000, 150_000, 180_000])
      expect(count("export", from, from + 60_000)).toBeGreaterThanOrEqual(FLOOR - 1);
    expect(count("export", 120_000, 240_000)).toBeLessThanOrEqual(2 * FLOOR + 12);
    expect(Math.max(...waits["export"]!.slice(178))).toBeLessThan(3_500);
  });

  it("viewers who together ask for more than the budget cannot starve an export", () => {
    const viewers = Array.from({ length: 6 }, (_, i) => ({
      user: `viewer-${i}`,
      priority: "interactive" as const,
      everyMs: 1_500,
      from: i * 200,
    }));
    // Six viewers at 40 reads a minute each: 240 a minute against the account's 180. The
    // minute fills up and stays full until its oldest calls leave (for everyone), but every
    // minute the export gets at least its share.
    const { count } = simulate([...viewers, { user: "export", priority: "background" }], 240_000);
    for (const from of [60_000, 90_000, 120_000, 150_000, 180_000])
      expect(count("export", from, from + 60_000)).toBeGreaterThanOrEqual(FLOOR - 1);
    const people = viewers.reduce((n, v) => n + count(v.user, 120_000, 180_000), 0);
    expect(people + count("export", 120_000, 180_000)).toBeGreaterThanOrEqual(ACCOUNT - 3);
    // People still get most of it (they pause 1.5 s between reads, so they do not always wait).
    expect(people).toBeGreaterThanOrEqual(ACCOUNT / 2);
  });

  it("the IP ceiling holds across accounts, shared fairly between two accounts' users", () => {
    const { count } = simulate(
      [
        { user: "a", priority: "interactive" },
        { user: "b", priority: "interactive" },
      ],
      240_000,
      { accountKeys: ["acc-a", "acc-b"] },
    );
    const a = count("a", 120_000, 240_000);
    const b = count("b", 120_000, 240_000);
    expect(a + b).toBeLessThanOrEqual(2 * IP);
    expect(a + b).toBeGreaterThanOrEqual(2 * IP - 4);
    expect(Math.abs(a - b)).toBeLessThanOrEqual(4);
  });
});
