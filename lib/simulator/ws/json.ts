// The WebSocket's wire forms: JSON with nanosecond integers written exactly (Fast's `time`
// does not fit a JS number, so it is held as a bigint and printed digit for digit), and the
// legacy ISO-8601 times with microseconds (`2022-06-23T15:38:02.196282Z`).

/** Serialises a message; bigint values become bare JSON integers, exact. */
export function wireJson(message: unknown): string {
  const text = JSON.stringify(message, (_k, v: unknown) => (typeof v === "bigint" ? `__NS__${v.toString()}` : v));
  return text.replace(/"__NS__(\d+)"/g, "$1");
}

/** Nanoseconds of a millisecond time plus a sub-millisecond part (0 ≤ subMs < 1e6). */
export function nanosOf(ms: number, subMs = 0): bigint {
  return BigInt(ms) * 1_000_000n + BigInt(subMs);
}

/** ISO-8601 UTC with microseconds, from nanoseconds. */
export function isoMicros(ns: bigint): string {
  const ms = Number(ns / 1_000_000n);
  const micros = (ns / 1_000n) % 1_000_000n;
  return `${new Date(ms).toISOString().slice(0, 19)}.${micros.toString().padStart(6, "0")}Z`;
}
