// Clocks a test sets with setClock (lib/clock.ts) to move time instead of waiting for it.
//   SkippingClock: the wall clock plus an offset the test bumps (skip): everything still runs in
//     real time (sockets, timers), but a window rolls or a TTL runs out the moment the test says.
//   ManualClock: time stands still until advance(); sleepers wake in deadline order.
import { setClock, type Clock } from "@/lib/clock";

export class SkippingClock implements Clock {
  private offset = 0;

  now(): number {
    return Date.now() + this.offset;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
  }

  /** Jumps `ms` ahead: what was due within that time is due now. */
  skip(ms: number): void {
    this.offset += ms;
  }
}

/**
 * A clock that moves only when told. sleep() resolves when advance() passes its deadline, in
 * deadline order, each waiter given a turn of the event loop to act before time moves on.
 */
export class ManualClock implements Clock {
  private t: number;
  private seq = 0;
  private readonly waiters: { at: number; seq: number; resolve: () => void }[] = [];

  constructor(start: number | Date = Date.UTC(2026, 0, 1)) {
    this.t = typeof start === "number" ? start : start.getTime();
  }

  now(): number {
    return this.t;
  }

  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push({ at: this.t + ms, seq: this.seq++, resolve });
    });
  }

  /** How many sleep() calls are waiting (a test can wait for a caller to be parked). */
  get pending(): number {
    return this.waiters.length;
  }

  /** Moves time forward by `ms`, waking each sleeper whose deadline it passes, in order. */
  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    for (;;) {
      this.waiters.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.waiters[0];
      if (!next || next.at > target) break;
      this.waiters.shift();
      this.t = Math.max(this.t, next.at);
      next.resolve();
      await turns();
    }
    this.t = target;
    await turns();
  }

  /** Moves time to the earliest sleeper's deadline and wakes it (and any due with it); false when none sleeps. */
  async next(): Promise<boolean> {
    const first = this.waiters.reduce<number | null>((min, w) => (min === null || w.at < min ? w.at : min), null);
    if (first === null) return false;
    await this.advance(Math.max(0, first - this.t));
    return true;
  }

  /** Sets the time (forward only: a window never runs backwards). */
  async set(to: number | Date): Promise<void> {
    const at = typeof to === "number" ? to : to.getTime();
    if (at > this.t) await this.advance(at - this.t);
  }
}

/** Lets promise chains and I/O callbacks already due run (a macrotask turn, a few times). */
async function turns(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((r) => setImmediate(r));
}

/** Sets `clock` as the process's clock for this test file (jest), and the system's back after it. */
export function installClock<C extends Clock>(clock: C): C {
  beforeAll(() => setClock(clock));
  afterAll(() => setClock(null));
  return clock;
}
