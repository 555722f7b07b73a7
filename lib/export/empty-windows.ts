// Stretches of a key's trade history known to hold nothing, so an export skips them without an
// exchange call. The exchange answers a history list only window by window (at most 100 days
// on Bitpanda Pro, 30 on Fast, lib/exchange/REFERENCE.md §5.4) and offers no "first trade" time, so an export
// over years of an account that traded for months pays one call per empty window. A trade is
// a fill at its `time`, which never changes (lib/exchange/REFERENCE.md §5.4, trade entry), and no fill can
// arrive with a time in the past: a window that ended more than SETTLED_MS ago and came back
// empty stays empty, and the next export of that stretch (a retry, next year's tax export)
// skips it. Orders are not remembered: the reference doesn't say whether from/to select on an
// order's creation `time` or on `time_last_updated`, which moves.
//
// Kept in Redis (every instance learns it) for 30 days, per key, kind and instrument filter,
// as at most MAX_INTERVALS merged intervals; in this process when Redis is unavailable.
import "server-only";
import type { Redis } from "ioredis";
import { setBounded } from "@/lib/bounded-map";

/** Inclusive bounds in ms since the epoch. */
export type Interval = [number, number];

/** Only windows that ended at least this long ago are remembered (late-recorded fills). */
export const SETTLED_MS = 3_600_000;
const TTL_SECONDS = 30 * 86_400;
const MAX_INTERVALS = 64;
const MAX_LOCAL_SCOPES = 2_000;

/** `list` with `add` merged in (touching or overlapping intervals become one), sorted. Pure. */
export function mergeInterval(list: readonly Interval[], add: Interval): Interval[] {
  const all = [...list, add].sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  for (const [from, to] of all) {
    const last = out[out.length - 1];
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  // Bounded: the most recent stretches are the ones exports ask for again.
  return out.slice(-MAX_INTERVALS);
}

/** Whether one remembered interval holds all of [from, to]. Pure. */
export function covers(list: readonly Interval[], from: number, to: number): boolean {
  return list.some(([a, b]) => a <= from && to <= b);
}

function parse(raw: string | null): Interval[] {
  if (!raw) return [];
  try {
    const v = JSON.parse(raw) as unknown;
    if (!Array.isArray(v)) return [];
    return v.filter((x): x is Interval => Array.isArray(x) && x.length === 2 && x.every((n) => typeof n === "number"));
  } catch {
    return [];
  }
}

export class EmptyWindows {
  private readonly local = new Map<string, Interval[]>();

  constructor(
    private readonly redis: Redis | null,
    private readonly prefix = "keydesk",
  ) {}

  private key(scope: string): string {
    return `${this.prefix}:export:empty:${scope}`;
  }

  private ready(): Redis | null {
    return this.redis && this.redis.status === "ready" ? this.redis : null;
  }

  async list(scope: string): Promise<Interval[]> {
    const r = this.ready();
    if (r) {
      const raw = await r.get(this.key(scope)).catch(() => undefined);
      if (raw !== undefined) return parse(raw);
    }
    return this.local.get(scope) ?? [];
  }

  /** Remembers [from, to] as empty, if it ended long enough before `now`. */
  async add(scope: string, from: number, to: number, now = Date.now()): Promise<void> {
    if (to > now - SETTLED_MS || from > to) return;
    const merged = mergeInterval(await this.list(scope), [from, to]);
    setBounded(this.local, scope, merged, MAX_LOCAL_SCOPES);
    const r = this.ready();
    if (r) await r.set(this.key(scope), JSON.stringify(merged), "EX", TTL_SECONDS).catch(() => undefined);
  }
}
