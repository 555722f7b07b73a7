// The export's walk over its date range, newest window first, one exchange window (100 days
// on Bitpanda Pro, 30 on Fast) per list request, so a window known to be empty
// (./empty-windows.ts) is stepped over without a call, and one found empty is reported for
// remembering. The export's cursor names the window's end and the exchange's cursor inside it.
import "server-only";
import { AppError } from "@/lib/errors";

export interface WindowPage<T> {
  items: T[];
  nextCursor: string | null;
  source: "live" | "cache" | "stale";
  staleReason?: string;
}

interface WalkCursor {
  /** End (inclusive, ms) of the window the next request covers. */
  e: number;
  /** The exchange's cursor inside that window, from history's page. */
  c?: string;
}

function encode(c: WalkCursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

function decode(s: string): WalkCursor {
  try {
    const c = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as WalkCursor;
    if (typeof c.e !== "number" || (c.c !== undefined && typeof c.c !== "string")) throw new Error();
    return c;
  } catch {
    throw new AppError("bad_request", "error.pageCursor", {
      reason: "INVALID_PAGE_CURSOR",
    });
  }
}

export interface WindowWalk<T> {
  /** The export's range, inclusive, in ms (its end no later than now). */
  range: { from: number; to: number };
  windowMs: number;
  /** One history request over [from, to], with history's own cursor inside it. */
  list: (from: number, to: number, cursor: string | undefined) => Promise<WindowPage<T>>;
  /** Whether [from, to] is known to hold nothing (then no request is made). */
  knownEmpty: (from: number, to: number) => Promise<boolean>;
  /** A whole window came back with nothing at all. */
  foundEmpty: (from: number, to: number) => Promise<void>;
}

/** The next page of the walk: `cursor` undefined starts at the range's end. */
export async function nextWindowPage<T>(walk: WindowWalk<T>, cursor: string | undefined): Promise<WindowPage<T>> {
  const { range, windowMs } = walk;
  let at: WalkCursor = cursor === undefined ? { e: range.to } : decode(cursor);
  for (;;) {
    if (at.e < range.from) return { items: [], nextCursor: null, source: "live" };
    const from = Math.max(range.from, at.e - windowMs);
    const to = at.e;
    const older: WalkCursor | null = from > range.from ? { e: from - 1 } : null;
    if (at.c === undefined && (await walk.knownEmpty(from, to))) {
      if (!older) return { items: [], nextCursor: null, source: "live" };
      at = older;
      continue;
    }
    const page = await walk.list(from, to, at.c);
    if (at.c === undefined && !page.nextCursor && page.items.length === 0 && page.source !== "stale")
      await walk.foundEmpty(from, to);
    const next: WalkCursor | null = page.nextCursor ? { e: to, c: page.nextCursor } : older;
    return { ...page, nextCursor: next ? encode(next) : null };
  }
}
