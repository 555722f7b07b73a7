// List endpoints: the exchange's filter rules (lib/exchange/REFERENCE.md §5.4), newest first, and opaque cursors
// shaped like the exchange's (base64 JSON of a DynamoDB-style LastEvaluatedKey).
import { SimError } from "./errors";
import { ACTIVE_STATUSES, type OrderStatus } from "./ledger";

const FILLED_INACTIVE: ReadonlySet<OrderStatus> = new Set(["FILLED_FULLY", "FILLED_CLOSED", "FILLED_REJECTED"]);
export const MAX_RANGE_MS = 100 * 86_400_000;

export interface Page<T> {
  items: T[];
  maxPageSize: number;
  cursor?: string;
}

interface CursorKey {
  account_id: { s: string };
  item_key: { s: string };
  timestamp: { n: string };
}

export function encodeCursor(accountId: string, kind: string, id: string, time: number): string {
  const key: CursorKey = {
    account_id: { s: accountId },
    item_key: { s: `${kind}::${id}` },
    timestamp: { n: String(time) },
  };
  return Buffer.from(JSON.stringify(key)).toString("base64");
}

function decodeCursor(cursor: string, accountId: string, kind: string): { id: string; time: number } {
  try {
    const key = JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as CursorKey;
    const [k, id] = key.item_key.s.split("::");
    const time = Number(key.timestamp.n);
    if (key.account_id.s !== accountId || k !== kind || !id || !Number.isFinite(time)) throw new Error("bad");
    return { id, time };
  } catch {
    throw new SimError(400, "INVALID_PAGE_CURSOR");
  }
}

export function parseTimeWindow(
  q: URLSearchParams,
  opts: { required: boolean } = { required: false },
): { from?: number; to?: number } {
  const f = q.get("from");
  const t = q.get("to");
  if (f === null && t === null) return {};
  if (f === null) throw new SimError(400, "MISSING_FROM_PARAM");
  if (t === null) throw new SimError(400, "MISSING_TO_PARAM");
  const from = Date.parse(f);
  const to = Date.parse(t);
  if (!Number.isFinite(from) || !/^\d{4}-\d{2}-\d{2}T/.test(f))
    throw new SimError(400, "INVALID_ACCOUNT_HISTORY_FROM_TIME");
  if (!Number.isFinite(to) || !/^\d{4}-\d{2}-\d{2}T/.test(t))
    throw new SimError(400, "INVALID_ACCOUNT_HISTORY_TO_TIME");
  if (to < from) throw new SimError(400, "INVALID_ACCOUNT_HISTORY_TIME_PERIOD");
  if (to - from > MAX_RANGE_MS) throw new SimError(400, "ACCOUNT_HISTORY_TIME_RANGE_TOO_BIG");
  void opts;
  return { from, to };
}

export function parsePageSize(q: URLSearchParams): number {
  const raw = q.get("max_page_size");
  if (raw === null) return 100;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 100)
    throw new SimError(400, "INVALID_ACCOUNT_HISTORY_MAX_PAGE_SIZE");
  return Number(raw);
}

const bool = (q: URLSearchParams, name: string) => q.get(name) === "true";

/** Which statuses a GET /account/orders query selects. */
export function orderStatusFilter(q: URLSearchParams): (s: OrderStatus) => boolean {
  if (bool(q, "with_cancelled_and_rejected")) return () => true;
  if (bool(q, "with_just_filled_inactive")) return (s) => FILLED_INACTIVE.has(s);
  return (s) => ACTIVE_STATUSES.has(s);
}

/**
 * Pages newest-first through `items` (ascending by time) with a predicate. The cursor names
 * the last item returned; the next page starts just after it.
 */
export function pageNewestFirst<T>(
  items: readonly T[],
  key: (t: T) => { id: string; time: number },
  match: (t: T) => boolean,
  opts: { accountId: string; kind: string; cursor: string | null; pageSize: number; from?: number; to?: number },
): Page<T> {
  let i = items.length - 1;
  if (opts.cursor) {
    const c = decodeCursor(opts.cursor, opts.accountId, opts.kind);
    // Binary search for the last index with time <= c.time, then skip past the cursor item.
    let lo = 0,
      hi = items.length - 1,
      pos = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (key(items[mid]!).time <= c.time) {
        pos = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    // Resume just below the cursor item (pages follow descending index order).
    let j = pos;
    let found = -1;
    while (j >= 0 && key(items[j]!).time === c.time) {
      if (key(items[j]!).id === c.id) {
        found = j;
        break;
      }
      j--;
    }
    i = found >= 0 ? found - 1 : pos;
    if (found < 0) while (i >= 0 && key(items[i]!).time >= c.time) i--;
  }
  const out: T[] = [];
  let more = false;
  for (; i >= 0; i--) {
    const it = items[i]!;
    const k = key(it);
    if (opts.to !== undefined && k.time > opts.to) continue;
    if (opts.from !== undefined && k.time < opts.from) break;
    if (!match(it)) continue;
    if (out.length === opts.pageSize) {
      more = true;
      break;
    }
    out.push(it);
  }
  const last = out[out.length - 1];
  return {
    items: out,
    maxPageSize: opts.pageSize,
    ...(more && last ? { cursor: encodeCursor(opts.accountId, opts.kind, key(last).id, key(last).time) } : {}),
  };
}
