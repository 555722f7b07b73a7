// Waits for a state, not for a time: asks `probe` until it returns something truthy, pausing
// a moment between asks, and fails naming what never happened. The ceiling is a stuck test's,
// generous on purpose (a busy machine is slow, not wrong); a state that arrives sooner ends the
// wait at once.
export async function waitFor<T>(
  what: string,
  probe: () => T | Promise<T>,
  opts: { timeoutMs?: number; everyMs?: number } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, opts.everyMs ?? 10));
  }
}
