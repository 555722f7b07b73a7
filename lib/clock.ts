// The one clock the gate, the caches, the cool-downs and the jobs read: the system's, unless a
// test set its own (setClock). A test moves a ManualClock instead of waiting for the wall clock:
// windows roll, TTLs run out and waits end when it says so, on any machine, at any load.
// Invariant: production code reads the time through now() and waits through sleep(), never
// Date.now() or a bare timer where a window, a TTL or a retry is measured.

export interface Clock {
  /** Milliseconds since the epoch (UTC), like Date.now(). */
  now(): number;
  /** Resolves after `ms` of this clock's time. */
  sleep(ms: number): Promise<void>;
}

const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

// On globalThis: Next's build may give one module several copies, and they must share one clock.
const globalForClock = globalThis as unknown as { keydeskClock?: Clock };

function current(): Clock {
  return globalForClock.keydeskClock ?? systemClock;
}

export function now(): number {
  return current().now();
}

export function sleep(ms: number): Promise<void> {
  return current().sleep(ms);
}

/** Whether the time is the system's (no test set a clock): shared stores then use their own clock. */
export function usesSystemClock(): boolean {
  return current() === systemClock;
}

/** Replaces the process's clock (tests); setClock(null) puts the system's back. */
export function setClock(clock: Clock | null): void {
  globalForClock.keydeskClock = clock ?? undefined;
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
      await settle();
    }
    this.t = target;
    await settle();
  }

  /** Sets the time (forward only: a window never runs backwards). */
  async set(to: number | Date): Promise<void> {
    const at = typeof to === "number" ? to : to.getTime();
    if (at > this.t) await this.advance(at - this.t);
  }
}

/** Lets promise chains and I/O callbacks already due run (a macrotask turn, a few times). */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((r) => setImmediate(r));
}
