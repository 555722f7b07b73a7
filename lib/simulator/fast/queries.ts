// Fast's history windows (lib/exchange/REFERENCE.md §5.4): `from`–`to` at most 30 days (else HTTP 400); with no dates,
// inactive-order queries look back 1 day and trade queries from midnight UTC 7 days ago to
// now; single-order and trade lookups reach back 30 days only. Times may be ISO-8601
// (s/ms/µs), epoch seconds/ms/µs/ns or a bare YYYY-MM-DD date.
import { SimError } from "../errors";

const DAY = 86_400_000;
export const FAST_MAX_RANGE_MS = 30 * DAY;
export const FAST_LOOKUP_MS = 30 * DAY;

/** Parses one Fast time value to epoch ms; undefined when it is not one. */
export function parseFastTime(raw: string): number | undefined {
  const v = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const t = Date.parse(`${v}T00:00:00.000Z`);
    return Number.isFinite(t) ? t : undefined;
  }
  if (/^\d+$/.test(v)) {
    // Epoch: seconds, milliseconds, microseconds or nanoseconds, told apart by magnitude.
    const digits = v.replace(/^0+/, "").length;
    if (digits <= 11) return Number(v) * 1000;
    if (digits <= 14) return Number(v);
    if (digits <= 17) return Math.floor(Number(v.slice(0, -3)));
    return Math.floor(Number(v.slice(0, -6)));
  }
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(v);
  if (!m) return undefined;
  const frac = m[2] ? m[2].slice(0, 4).padEnd(4, "0") : "";
  const t = Date.parse(`${m[1]}${frac}${m[3]}`);
  return Number.isFinite(t) ? t : undefined;
}

export interface Window {
  from: number;
  to: number;
}

/**
 * The window of a list query. `defaultFrom` gives `from` when it is missing (it gets `to`);
 * undefined means "no window" when neither bound is given.
 */
export function parseFastWindow(
  q: URLSearchParams,
  now: number,
  defaultFrom: ((to: number) => number) | undefined,
): Window | undefined {
  const f = q.get("from");
  const t = q.get("to");
  if (f === null && t === null && !defaultFrom) return undefined;
  const to = t === null ? now : parseFastTime(t);
  if (to === undefined) throw new SimError(400, "INVALID_ACCOUNT_HISTORY_TO_TIME");
  let from: number | undefined;
  if (f === null) from = (defaultFrom ?? ((x: number) => x - DAY))(to);
  else {
    from = parseFastTime(f);
    if (from === undefined) throw new SimError(400, "INVALID_ACCOUNT_HISTORY_FROM_TIME");
  }
  if (from > now) throw new SimError(400, "INVALID_ACCOUNT_HISTORY_FROM_TIME");
  if (to < from) throw new SimError(400, "INVALID_ACCOUNT_HISTORY_TIME_PERIOD");
  if (to - from > FAST_MAX_RANGE_MS) throw new SimError(400, "ACCOUNT_HISTORY_TIME_RANGE_TOO_BIG");
  return { from, to };
}

/** Inactive-order queries without dates: the last day. */
export const oneDayBack = (to: number) => to - DAY;

/** Trade queries without `from`: midnight UTC, 7 days before `to`. */
export function sevenDaysBackAtMidnight(to: number): number {
  const d = new Date(to - 7 * DAY);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}
