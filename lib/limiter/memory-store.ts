// The budget's state in this process: used without Redis, and as each instance's share of the
// budget while Redis is unreachable. Decides with ./fair-share.ts, as the Lua script does.
import "server-only";
import { decide, record, trim, type LayerAsk, type LayerState } from "./fair-share";
import type { Priority } from "./policy";

export type LayerSpec = LayerAsk;

export type TakeResult =
  { ok: true; token: string } | { ok: false; layer: "ip" | "account" | "user"; retryAfterMs: number };

const LAYERS = ["ip", "account", "user"] as const;
const MAX_KEYS = 10_000;

export class MemoryFairStore {
  private readonly states = new Map<string, LayerState>();

  constructor(private readonly specs: LayerSpec[]) {}

  private state(key: string, now: number): LayerState {
    let s = this.states.get(key);
    if (!s) {
      if (this.states.size >= MAX_KEYS) this.sweep(now);
      s = { log: [], waiting: [], active: [] };
      this.states.set(key, s);
    }
    trim(s, now);
    return s;
  }

  private sweep(now: number) {
    for (const [k, s] of this.states) {
      trim(s, now);
      if (!s.log.length && !s.waiting.length && !s.active.length) this.states.delete(k);
    }
  }

  take(keys: string[], user: string, priority: Priority, now: number, id: string): TakeResult {
    const states = keys.map((k) => this.state(k, now));
    const d = decide(states, this.specs, user, priority, now);
    record(states, d, user, priority, now, id);
    if (d.ok) return { ok: true, token: `${id}|${user}` };
    return { ok: false, layer: LAYERS[d.index]!, retryAfterMs: d.retryAfterMs };
  }

  /** Records a take decided elsewhere (the shared store): it counts here too, for a minute. */
  note(keys: string[], user: string, priority: Priority, now: number, id: string): void {
    for (const k of keys) this.state(k, now).log.push({ at: now, user, id, priority });
  }

  /** Moves a take to `now` (its call has finished): it leaves the window a minute from now. */
  settle(keys: string[], id: string, now: number): void {
    for (const k of keys) {
      const s = this.states.get(k);
      const i = s ? s.log.findIndex((e) => e.id === id) : -1;
      if (!s || i < 0) continue;
      // Every entry was taken at or before now: appended, the log stays in time order.
      const [e] = s.log.splice(i, 1);
      s.log.push({ ...e!, at: Math.max(e!.at, now) });
    }
  }

  refund(keys: string[], id: string): void {
    for (const k of keys) {
      const s = this.states.get(k);
      if (s) s.log = s.log.filter((e) => e.id !== id);
    }
  }

  used(key: string, now: number): number {
    const s = this.states.get(key);
    if (!s) return 0;
    trim(s, now);
    return s.log.length;
  }
}
