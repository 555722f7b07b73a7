// Order and trade history pages. A date range longer than the exchange's 100-day window is
// walked window by window behind one opaque cursor; status groups map to the exchange's flags.
import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/auth/session";
import type { OrderHistory, TradeHistory } from "@/lib/exchange/schemas";
import type { Freshness } from "@/lib/limiter";
import { readKeyData, type ReadOptions } from "./read";

export const EXCHANGE_WINDOW_MS = 100 * 86_400_000;
const MAX_UPSTREAM_PAGES_PER_REQUEST = 3;
const CANCELLED = new Set(["CLOSED", "REJECTED", "FILLED_CLOSED", "FILLED_REJECTED", "FAILED"]);

export const historyQuerySchema = z.object({
  from: z.iso.datetime({ offset: false }).optional(),
  to: z.iso.datetime({ offset: false }).optional(),
  instrument: z.string().regex(/^[A-Z0-9]{1,12}_[A-Z0-9]{1,12}$/, "Not an instrument code like BTC_EUR.").optional(),
  status: z.enum(["all", "open", "filled", "cancelled"]).default("all"),
  side: z.enum(["BUY", "SELL"]).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(4096).optional(),
}).refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), { path: ["from"], message: "The start must be before the end." });

export type HistoryQuery = z.infer<typeof historyQuerySchema>;

interface Cursor { e: number | null; c: string | null }

function encode(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}
function decode(s: string | undefined): Cursor | null {
  if (!s) return null;
  try {
    const c = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as Cursor;
    if ((c.e !== null && typeof c.e !== "number") || (c.c !== null && typeof c.c !== "string")) throw new Error();
    return c;
  } catch {
    throw new AppError("bad_request", "That page link is no longer valid. Reload the list.", { reason: "INVALID_PAGE_CURSOR" });
  }
}

export interface HistoryPage<T> {
  items: T[];
  nextCursor: string | null;
  fetchedAt: string;
  source: "live" | "cache" | "stale";
  staleReason?: string;
  window: { from: string; to: string } | null;
  /** Team member with "hide amounts": quantities are empty strings. */
  amountsHidden?: boolean;
}

/** The window the next upstream call covers, or null when the query has no date range. */
function windowFor(q: HistoryQuery, cur: Cursor | null): { from: number; to: number } | null {
  if (!q.from && !q.to) return null;
  const to = cur?.e ?? (q.to ? Date.parse(q.to) : Date.now());
  const floor = q.from ? Date.parse(q.from) : to - EXCHANGE_WINDOW_MS;
  return { from: Math.max(floor, to - EXCHANGE_WINDOW_MS), to };
}

function worst(a: Freshness<unknown>, b: Freshness<unknown> | null): Freshness<unknown> {
  if (!b) return a;
  const rank = { live: 0, cache: 1, stale: 2 } as const;
  return rank[b.source] > rank[a.source] || Date.parse(b.fetchedAt) < Date.parse(a.fetchedAt) ? b : a;
}

async function walk<TItem, TPage extends { cursor?: string }>(
  q: HistoryQuery, fetchPage: (win: { from: number; to: number } | null, upstreamCursor: string | null) => Promise<Freshness<TPage> & { amountsHidden?: boolean }>, itemsOf: (p: TPage) => TItem[], keep: (i: TItem) => boolean,
): Promise<HistoryPage<TItem>> {
  let cur = decode(q.cursor);
  const items: TItem[] = [];
  let fresh: Freshness<unknown> | null = null;
  let firstWindow: { from: number; to: number } | null = null;
  let amountsHidden = false;
  for (let n = 0; n < MAX_UPSTREAM_PAGES_PER_REQUEST && items.length === 0; n++) {
    const win = windowFor(q, cur);
    firstWindow ??= win;
    const page = await fetchPage(win, cur?.c ?? null);
    fresh = worst(page, fresh);
    amountsHidden ||= Boolean(page.amountsHidden);
    items.push(...itemsOf(page.data).filter(keep));
    if (page.data.cursor) cur = { e: win?.to ?? null, c: page.data.cursor };
    else if (win && q.from && win.from > Date.parse(q.from)) cur = { e: win.from - 1, c: null };
    else { cur = null; break; }
  }
  return {
    items, nextCursor: cur ? encode(cur) : null, fetchedAt: fresh!.fetchedAt, source: fresh!.source,
    ...(fresh!.staleReason ? { staleReason: fresh!.staleReason } : {}),
    window: firstWindow ? { from: new Date(firstWindow.from).toISOString(), to: new Date(firstWindow.to).toISOString() } : null,
    ...(amountsHidden ? { amountsHidden } : {}),
  };
}

export async function listOrdersPage(user: CurrentUser, keyRowId: string, q: HistoryQuery, opts: ReadOptions = {}) {
  return walk<OrderHistory["order_history"][number], OrderHistory>(q, (win, c) => {
    const params = {
      ...(win ? { from: new Date(win.from).toISOString(), to: new Date(win.to).toISOString() } : {}),
      instrument_code: q.instrument,
      ...(q.status === "all" || q.status === "cancelled" ? { with_cancelled_and_rejected: true } : {}),
      ...(q.status === "filled" ? { with_just_filled_inactive: true } : {}),
      max_page_size: q.pageSize,
      cursor: c ?? undefined,
    };
    return readKeyData(user, keyRowId, "orders", params, (client, key) => client.listOrders(key, params), opts);
  }, (p) => p.order_history, (o) => (q.status !== "cancelled" || CANCELLED.has(o.order.status)) && (!q.side || o.order.side === q.side));
}

export async function listTradesPage(user: CurrentUser, keyRowId: string, q: HistoryQuery, opts: ReadOptions = {}) {
  return walk<TradeHistory["trade_history"][number], TradeHistory>(q, (win, c) => {
    const params = {
      ...(win ? { from: new Date(win.from).toISOString(), to: new Date(win.to).toISOString() } : {}),
      instrument_code: q.instrument, max_page_size: q.pageSize, cursor: c ?? undefined,
    };
    return readKeyData(user, keyRowId, "trades", params, (client, key) => client.listTrades(key, params), opts);
  }, (p) => p.trade_history, (t) => !q.side || t.trade.side === q.side);
}
