// Order and trade history pages. A date range longer than the exchange's window (100 days on
// Bitpanda Pro, 30 on One Trading Fast: the dialect's traits) is walked window by window behind
// one opaque cursor; status groups map to the exchange's flags. Without dates, a dialect whose
// exchange would silently cut the list short (Fast: 1 day of inactive orders, 7 of trades) gets
// an explicit look-back instead, and the page says which range it covers.
import type { MessageKey } from "@/lib/i18n/messages";
import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/sessions/session";
import type { OrderHistory, TradeHistory } from "@/lib/exchange/schemas";
import { CANCELLED_STATUSES } from "@/lib/exchange/model";
import type { DialectTraits } from "@/lib/exchange/dialect";
import { getDialectTraits } from "@/lib/env";
import type { Freshness } from "@/lib/limiter";
import type { ReadOptions } from "./read";
import { readKeyEndpoint } from "./endpoints";

const DAY_MS = 86_400_000;
const MAX_UPSTREAM_PAGES_PER_REQUEST = 3;

export const historyQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: false }).optional(),
    to: z.iso.datetime({ offset: false }).optional(),
    instrument: z
      .string()
      .regex(/^[A-Z0-9]{1,12}_[A-Z0-9]{1,12}(_P)?$/, "Not an instrument code like BTC_EUR or BTC_EUR_P.")
      .optional(),
    status: z.enum(["all", "open", "filled", "cancelled"]).default("all"),
    side: z.enum(["BUY", "SELL"]).optional(),
    pageSize: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(4096).optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    path: ["from"],
    message: "error.startBeforeEnd" satisfies MessageKey,
  });

export type HistoryQuery = z.infer<typeof historyQuerySchema>;

/** e: end of the next window; c: the exchange's cursor inside it; f: the range's start, when fixed by a look-back default. */
interface Cursor {
  e: number | null;
  c: string | null;
  f?: number;
}

function encode(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}
function decode(s: string | undefined): Cursor | null {
  if (!s) return null;
  try {
    const c = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as Cursor;
    if (
      (c.e !== null && typeof c.e !== "number") ||
      (c.c !== null && typeof c.c !== "string") ||
      (c.f !== undefined && typeof c.f !== "number")
    )
      throw new Error();
    return c;
  } catch {
    throw new AppError("bad_request", "error.pageCursor", {
      reason: "INVALID_PAGE_CURSOR",
    });
  }
}

export interface HistoryPage<T> {
  items: T[];
  nextCursor: string | null;
  fetchedAt: string;
  source: "live" | "cache" | "stale";
  staleReason?: string;
  window: { from: string; to: string } | null;
  /** The widest range the exchange answers in one request, in days (100 or 30): for the filters' note. */
  windowDays: number;
  /** Set when no dates were chosen and Keydesk picked this range (the exchange's own default is shorter). */
  defaultRange?: { from: string; to: string };
  /** Team member with "hide amounts": quantities are empty strings. */
  amountsHidden?: boolean;
}

type Range = { from: number | null; to: number | null };

/** The date range a query covers: its own dates, the dialect's look-back default, or none (null). */
function rangeFor(q: HistoryQuery, kind: "orders" | "trades", traits: DialectTraits, cur: Cursor | null): Range | null {
  // An end in the future means "until now" (Fast refuses a `from` in the future, and nothing
  // can be there yet); a range wholly in the future is answered empty without a request.
  if (q.from || q.to)
    return { from: q.from ? Date.parse(q.from) : null, to: Math.min(q.to ? Date.parse(q.to) : Infinity, Date.now()) };
  if (traits.defaultLookbackMs === null || (kind === "orders" && q.status === "open")) return null;
  const now = Date.now();
  return { from: cur?.f ?? now - traits.defaultLookbackMs, to: now };
}

/** The window the next upstream call covers, or null when the query has no date range. */
function windowFor(range: Range | null, cur: Cursor | null, windowMs: number): { from: number; to: number } | null {
  if (!range) return null;
  const to = cur?.e ?? range.to ?? Date.now();
  const floor = range.from ?? to - windowMs;
  return { from: Math.max(floor, to - windowMs), to };
}

function worst(a: Freshness<unknown>, b: Freshness<unknown> | null): Freshness<unknown> {
  if (!b) return a;
  const rank = { live: 0, cache: 1, stale: 2 } as const;
  return rank[b.source] > rank[a.source] || Date.parse(b.fetchedAt) < Date.parse(a.fetchedAt) ? b : a;
}

async function walk<TItem, TPage extends { cursor?: string }>(
  q: HistoryQuery,
  kind: "orders" | "trades",
  fetchPage: (
    win: { from: number; to: number } | null,
    upstreamCursor: string | null,
  ) => Promise<Freshness<TPage> & { amountsHidden?: boolean }>,
  itemsOf: (p: TPage) => TItem[],
  keep: (i: TItem) => boolean,
): Promise<HistoryPage<TItem>> {
  const traits = getDialectTraits();
  let cur = decode(q.cursor);
  const range = rangeFor(q, kind, traits, cur);
  const defaulted = range !== null && !q.from && !q.to;
  const items: TItem[] = [];
  if (range?.from != null && range.to !== null && range.from > range.to) {
    return {
      items: [],
      nextCursor: null,
      fetchedAt: new Date().toISOString(),
      source: "live",
      window: null,
      windowDays: Math.round(traits.historyWindowMs / DAY_MS),
    };
  }
  let fresh: Freshness<unknown> | null = null;
  let firstWindow: { from: number; to: number } | null = null;
  let amountsHidden = false;
  for (let n = 0; n < MAX_UPSTREAM_PAGES_PER_REQUEST && items.length === 0; n++) {
    const win = windowFor(range, cur, traits.historyWindowMs);
    firstWindow ??= win;
    const page = await fetchPage(win, cur?.c ?? null);
    fresh = worst(page, fresh);
    amountsHidden ||= Boolean(page.amountsHidden);
    items.push(...itemsOf(page.data).filter(keep));
    const f = defaulted && range?.from !== null ? { f: range!.from! } : {};
    if (page.data.cursor) cur = { e: win?.to ?? null, c: page.data.cursor, ...f };
    else if (win && range?.from != null && win.from > range.from) cur = { e: win.from - 1, c: null, ...f };
    else {
      cur = null;
      break;
    }
  }
  return {
    items,
    nextCursor: cur ? encode(cur) : null,
    fetchedAt: fresh!.fetchedAt,
    source: fresh!.source,
    ...(fresh!.staleReason ? { staleReason: fresh!.staleReason } : {}),
    window: firstWindow
      ? { from: new Date(firstWindow.from).toISOString(), to: new Date(firstWindow.to).toISOString() }
      : null,
    windowDays: Math.round(traits.historyWindowMs / DAY_MS),
    ...(defaulted
      ? { defaultRange: { from: new Date(range!.from!).toISOString(), to: new Date(range!.to!).toISOString() } }
      : {}),
    ...(amountsHidden ? { amountsHidden } : {}),
  };
}

export async function listOrdersPage(user: CurrentUser, keyRowId: string, q: HistoryQuery, opts: ReadOptions = {}) {
  return walk<OrderHistory["order_history"][number], OrderHistory>(
    q,
    "orders",
    (win, c) => {
      const params = {
        ...(win ? { from: new Date(win.from).toISOString(), to: new Date(win.to).toISOString() } : {}),
        instrument_code: q.instrument,
        ...(q.status === "all" || q.status === "cancelled" ? { with_cancelled_and_rejected: true } : {}),
        ...(q.status === "filled" ? { with_just_filled_inactive: true } : {}),
        max_page_size: q.pageSize,
        cursor: c ?? undefined,
      };
      return readKeyEndpoint(user, keyRowId, "orders", params, opts);
    },
    (p) => p.order_history,
    (o) => (q.status !== "cancelled" || CANCELLED_STATUSES.has(o.order.status)) && (!q.side || o.order.side === q.side),
  );
}

export async function listTradesPage(user: CurrentUser, keyRowId: string, q: HistoryQuery, opts: ReadOptions = {}) {
  return walk<TradeHistory["trade_history"][number], TradeHistory>(
    q,
    "trades",
    (win, c) => {
      const params = {
        ...(win ? { from: new Date(win.from).toISOString(), to: new Date(win.to).toISOString() } : {}),
        instrument_code: q.instrument,
        max_page_size: q.pageSize,
        cursor: c ?? undefined,
      };
      return readKeyEndpoint(user, keyRowId, "trades", params, opts);
    },
    (p) => p.trade_history,
    (t) => !q.side || t.trade.side === q.side,
  );
}
