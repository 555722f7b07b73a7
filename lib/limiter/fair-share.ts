// The budget's arithmetic: rolling 60 s logs with max-min fair sharing, as one pure function
// over a store's state, so the memory store and the Redis Lua script (./fair-share-lua.ts)
// decide alike and the maths can be unit-tested without a clock.
//
// Invariants, per layer (egress IP, exchange account, signed-in user):
// - Ceiling: a take succeeds only while fewer than `limit` calls were taken in the last 60 s,
//   so no rolling minute ever holds more than `limit` calls. The ceiling never moves.
// - Lending: a free slot goes to whoever asks, unless others are waiting who come first; so a
//   person (or an export) alone may use the whole budget.
// - Max-min fairness: "waiting" is demand recorded for a few seconds when a take is refused.
//   Of those waiting, interactive reads come before background work, and within a priority the
//   one who used less of this layer's last minute comes first. A take succeeds only when there
//   are more free slots than waiters ahead of it: when the budget is tight, two busy users
//   converge to half each and an export yields to people.
// - Guaranteed minimum: while people wait on a layer (their demand exceeds what is free) and
//   background work has had no call there for OWED_AFTER/floor of a minute, it is owed one and
//   is not behind people: it may take a free slot (reserve
//   included, still paced), and waiting people let it go first. So people keep precedence for
//   the rest, but an export always progresses, about `floor` calls a minute at the least,
//   evenly, however much they ask.
// - Pacing: background work runs on a schedule of its own of one call per 1/limit of a minute
//   (never more than PACE_LOOKBACK_SLOTS calls in as many slots); it may run up to PACE_BURST
//   slots ahead of the schedule its last calls set, so a call that wakes a few ms late, or a
//   slow page, is made up instead of pushing every later call back. A person who has used
//   their equal share of the last minute while others are active takes at most one call per
//   1/limit of a minute on the layer. Capacity then frees a slot at a time and each freed slot
//   goes to whoever comes first, instead of one burst taking a whole minute at once. A person
//   alone (or below their share) may still burst up to the ceiling.
// - Reserve: background work leaves the last `reserve` slots of a layer's minute free while
//   people used the layer in that minute (or ask now), and `idleReserve` (a slot or two) when
//   nobody did: a person who starts reading during an export is served at once either way.
import "server-only";
import type { Priority } from "./policy";

export const WINDOW_MS = 60_000;
/** Demand is remembered this long past the retry time a refused caller was given. */
export const DEMAND_GRACE_MS = 1_500;
/** How soon a caller refused only because others come first should look again. */
export const YIELD_RETRY_MS = 60;
/** A caller counts as active (others then share with it) this long after its last ask. */
export const ACTIVE_MS = 5_000;
/** Background work may run this many slots ahead of its schedule (makes up late calls). */
export const PACE_BURST = 2;
/** Its schedule comes from its takes of the last this many slots (at most this many calls in them). */
export const PACE_LOOKBACK_SLOTS = 6;
/** Of each layer's minute, background work keeps at least this share while it waits. */
export const BACKGROUND_MIN_SHARE = 0.15;
/**
 * Background work is owed a call this share of its average spacing (1/floor of a minute) after
 * its last one, so that with the wait for a slot to free it still gets its floor.
 */
export const OWED_AFTER = 0.8;
/** Background work leaves this share free while nobody read in the last minute. */
export const BACKGROUND_IDLE_RESERVE = 0.01;

export interface LogEntry {
  at: number;
  user: string;
  id: string;
  priority: Priority;
}

export interface LayerState {
  /** Takes in the last minute: when, by whom, at which priority. */
  log: LogEntry[];
  /** Who is waiting (refused recently), with their priority, until when. */
  waiting: { user: string; priority: Priority; until: number }[];
  /** Who asked (served or not) in the last ACTIVE_MS: their last ask. */
  active: { user: string; priority: Priority; at: number }[];
}

export interface LayerAsk {
  limit: number;
  /** Slots background work leaves free while people used the layer in the last minute. */
  reserve: number;
  /** Slots background work leaves free while nobody did. */
  idleReserve: number;
  /** Calls a minute background work is guaranteed while it waits (one per 1/floor minute). */
  floor: number;
}

/** A layer's rules from its ceiling and the share background work leaves for people. */
export function layerAsk(limit: number, reserveShare: number): LayerAsk {
  return {
    limit,
    reserve: Math.ceil(limit * reserveShare),
    idleReserve: Math.min(Math.ceil(limit * reserveShare), Math.ceil(limit * BACKGROUND_IDLE_RESERVE)),
    floor: Math.ceil(limit * BACKGROUND_MIN_SHARE),
  };
}

export type Decision = { ok: true } | { ok: false; index: number; retryAfterMs: number; yielded: boolean };

/** Removes what has left the window (log) or expired (waiting). Mutates. */
export function trim(s: LayerState, now: number): void {
  let i = 0;
  while (i < s.log.length && s.log[i]!.at <= now - WINDOW_MS) i++;
  if (i) s.log.splice(0, i);
  s.waiting = s.waiting.filter((w) => w.until > now);
  s.active = s.active.filter((a) => a.at > now - ACTIVE_MS);
}

/** One pass over a layer's minute: takes per user, the last background take, whether people took any. */
export function tally(s: LayerState): {
  used: Map<string, number>;
  background: number;
  lastBackground: number;
  people: boolean;
} {
  const used = new Map<string, number>();
  let background = 0;
  let lastBackground = -Infinity;
  for (const e of s.log) {
    used.set(e.user, (used.get(e.user) ?? 0) + 1);
    if (e.priority === "background") {
      background++;
      lastBackground = e.at;
    }
  }
  const people = s.log.length > background || s.active.some((a) => a.priority === "interactive");
  return { used, background, lastBackground, people };
}

/**
 * How many waiting callers (other than `user`) come before this one, and whether anyone else
 * of the same priority asked lately (then this caller is paced). `starved`: background work
 * holds less than its guaranteed minimum of this layer.
 */
export function waitersAhead(
  s: LayerState,
  user: string,
  priority: Priority,
  limit: number,
  used: Map<string, number>,
  starved: boolean,
  now: number,
): { ahead: number; contended: boolean } {
  const mine = used.get(user) ?? 0;
  let ahead = 0;
  const others = new Set(s.active.filter((a) => a.user !== user && a.priority === priority).map((a) => a.user));
  // Over their equal share of the layer (limit / active callers of this priority) while others ask.
  const contended = others.size > 0 && mine * (others.size + 1) >= limit;
  const seen = new Set<string>();
  for (const w of s.waiting) {
    const k = `${w.priority}|${w.user}`;
    if (w.user === user || seen.has(k)) continue;
    seen.add(k);
    if (w.priority === "interactive" && priority === "background") {
      // People come first, except while background work is below its guaranteed minimum...
      if (!starved) ahead++;
    } else if (w.priority === "background" && priority === "interactive") {
      // ...and then it goes first, as soon as its own pacing lets it.
      if (starved && paceAt(s, w.user, limit, now) <= now) ahead++;
    } else if ((used.get(w.user) ?? 0) < mine) ahead++;
  }
  return { ahead, contended };
}

/** When the take at `index` from the end's `limit`-th newest leaves the window `spanMs`. */
function freesAt(s: LayerState, limit: number, spanMs: number): number {
  return s.log[s.log.length - limit]!.at + spanMs;
}

/**
 * When background `user` may take again under its own pacing: one call per interval on
 * average (never more than PACE_LOOKBACK_SLOTS calls in as many intervals), and never more
 * than PACE_BURST intervals ahead of the schedule its recent calls set (each call books the
 * slot one interval after the previous booking). -Infinity when it took nothing lately.
 */
export function paceAt(s: LayerState, user: string, limit: number, now: number): number {
  const interval = WINDOW_MS / limit;
  let next = -Infinity;
  let j = 0;
  for (let k = s.log.length - 1; k >= 0 && j < PACE_LOOKBACK_SLOTS; k--) {
    const e = s.log[k]!;
    if (e.at <= now - PACE_LOOKBACK_SLOTS * interval) break;
    if (e.user !== user || e.priority !== "background") continue;
    j++;
    next = Math.max(next, e.at + (j - PACE_BURST) * interval);
    if (j === PACE_LOOKBACK_SLOTS) next = Math.max(next, e.at + j * interval);
  }
  return next;
}

/**
 * Decides one take across layers (already trimmed). Pure: the caller records the take (log)
 * or the demand (waiting) from the decision.
 */
export function decide(
  states: LayerState[],
  asks: LayerAsk[],
  user: string,
  priority: Priority,
  now: number,
): Decision {
  for (let i = 0; i < states.length; i++) {
    const s = states[i]!;
    const a = asks[i]!;
    const t = tally(s);
    const owedAt = t.lastBackground + (OWED_AFTER * WINDOW_MS) / a.floor;
    const starved = now >= owedAt && s.waiting.some((w) => w.priority === "interactive");
    const bg = priority === "background";
    const limit = !bg || starved ? a.limit : Math.max(1, a.limit - (t.people ? a.reserve : a.idleReserve));
    if (limit - s.log.length <= 0) {
      // The slot frees when the (count - limit + 1)-th oldest take leaves the window; background
      // work looks again when it is owed a call (the reserve is then open to it).
      let at = freesAt(s, limit, WINDOW_MS);
      if (bg && !starved) at = Math.min(at, owedAt);
      return { ok: false, index: i, retryAfterMs: Math.max(at - now, 1), yielded: false };
    }
    const { ahead, contended } = waitersAhead(s, user, priority, a.limit, t.used, starved, now);
    let free = limit - s.log.length;
    let nextAt: number | null = null;
    // Background work is paced by its own calls; a person over their share by the layer's last call.
    if (bg) nextAt = paceAt(s, user, a.limit, now);
    else if (!bg && contended && s.log.length) nextAt = s.log[s.log.length - 1]!.at + WINDOW_MS / a.limit;
    if (nextAt !== null && nextAt > -Infinity) {
      if (now < nextAt)
        return { ok: false, index: i, retryAfterMs: Math.max(Math.ceil(nextAt - now), 1), yielded: false };
      free = 1;
    }
    if (free <= ahead) return { ok: false, index: i, retryAfterMs: YIELD_RETRY_MS, yielded: true };
  }
  return { ok: true };
}

/** Applies a decision to the states: the take, or the caller's demand on every layer. Mutates. */
export function record(
  states: LayerState[],
  d: Decision,
  user: string,
  priority: Priority,
  now: number,
  id: string,
): void {
  for (const s of states) {
    s.waiting = s.waiting.filter((w) => w.user !== user || w.priority !== priority);
    s.active = s.active.filter((a) => a.user !== user || a.priority !== priority);
    s.active.push({ user, priority, at: now });
    if (d.ok) s.log.push({ at: now, user, id, priority });
    else s.waiting.push({ user, priority, until: now + d.retryAfterMs + DEMAND_GRACE_MS });
  }
}
