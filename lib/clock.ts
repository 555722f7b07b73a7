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
