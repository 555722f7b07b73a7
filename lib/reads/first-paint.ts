// The key page's first view of its exchange-backed widgets, read on the server through the
// same functions the API routes call (lib/reads: authorization, budget, cache, freshness label,
// hidden amounts), so the page's HTML carries the data and SWR starts from it. A read never
// holds the page for budget: it runs in the gate's no-wait mode, so a read that would have to
// wait answers at once with its last value, labelled stale, or with nothing (the widget's
// skeleton; the browser's own request then waits its turn). Only a slow exchange is left to
// FIRST_VIEW_WAIT_MS: past it the widget renders without a first view and the browser's
// request picks the read up (coalesced with the one still running).
import "server-only";
import * as clock from "@/lib/clock";
import type { CurrentUser } from "@/lib/sessions/session";
import { parseFilters, filtersToQuery } from "@/lib/format/history-filters";
import type { Tab } from "@/lib/format/key-tabs";
import { freshForMs, readKeyEndpoint, readTradingVolume } from "./endpoints";
import { historyQuerySchema, listOrdersPage, listTradesPage } from "./history";
import { toOrderList } from "./order-list";
import { readValuation } from "./valuation";
import { readUsage } from "./usage";

export const FIRST_VIEW_WAIT_MS = 1_200;

/** A widget's first view and how long it counts as fresh (the browser asks again only then). */
export interface FirstView<T> {
  value: T;
  freshForMs: number;
}

/** `read()`'s value if it comes within `waitMs`; otherwise (or on any failure) nothing: the client reads it. */
export async function firstView<T>(
  read: () => Promise<T>,
  freshForMs: number,
  waitMs = FIRST_VIEW_WAIT_MS,
): Promise<FirstView<T> | undefined> {
  const reading = read();
  reading.catch(() => undefined); // a late failure is the browser's request's to report
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), waitMs);
  });
  try {
    const value = await Promise.race([reading, late]);
    return value === undefined ? undefined : { value, freshForMs: untilNextTry(value, freshForMs) };
  } catch {
    // Errors (a revoked key, pacing with nothing cached, …) are shown by the widget's own
    // request, with the route's status, message and Retry-After.
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A value the gate served stale (the budget was spent, or the exchange failed) is not asked
 * for again at hydration, where the browser's request would only wait for the same budget:
 * it counts as fresh until the gate's retry time (or, without one, one more fresh period).
 */
function untilNextTry(value: unknown, freshForMs: number): number {
  const v = value as { source?: string; fetchedAt?: string; retryAfterSeconds?: number };
  if (v.source !== "stale" || !v.fetchedAt) return freshForMs;
  const wait = v.retryAfterSeconds ? v.retryAfterSeconds * 1000 : freshForMs;
  return Math.max(freshForMs, clock.now() + wait - Date.parse(v.fetchedAt));
}

/** Every first-view read: interactive, and never waiting for budget. */
const FIRST_PAINT = { noWait: true } as const;

type Search = { get(name: string): string | null };

/** The first page of orders or trades for the filters in the page's URL, as the panel will ask for it. */
function historyQuery(kind: "orders" | "trades", search: Search) {
  const query = filtersToQuery(parseFilters(search), { kind });
  return { query: query.toString(), parsed: historyQuerySchema.parse(Object.fromEntries(query)) };
}

/** The open tab's first view: only what that tab shows is read. */
export async function readFirstViewOfTab(user: CurrentUser, keyRowId: string, tab: Tab, search: Search) {
  switch (tab) {
    case "overview":
    case "balances": {
      const portfolio = await firstView(() => readValuation(user, keyRowId, FIRST_PAINT), freshForMs("balances"));
      // Fresh until the first of its two sources (balances, tickers) is not.
      if (portfolio) {
        const { freshUntil, fetchedAt } = portfolio.value;
        portfolio.freshForMs = untilNextTry(
          portfolio.value,
          Math.max(0, Date.parse(freshUntil) - Date.parse(fetchedAt)),
        );
      }
      return { portfolio };
    }
    case "orders": {
      const { query, parsed } = historyQuery("orders", search);
      const page = await firstView(
        () => listOrdersPage(user, keyRowId, parsed, FIRST_PAINT).then((p) => toOrderList(p)),
        freshForMs("orders"),
      );
      return { orders: page && { ...page, query } };
    }
    case "trades": {
      const { query, parsed } = historyQuery("trades", search);
      const page = await firstView(() => listTradesPage(user, keyRowId, parsed, FIRST_PAINT), freshForMs("trades"));
      return { trades: page && { ...page, query } };
    }
    case "fees": {
      const [fees, volume] = await Promise.all([
        firstView(() => readKeyEndpoint(user, keyRowId, "fees", {}, FIRST_PAINT), freshForMs("fees")),
        firstView(() => readTradingVolume(user, keyRowId, FIRST_PAINT), freshForMs("trading-volume")),
      ]);
      return { fees: { fees, volume } };
    }
    case "export":
      return {};
  }
}

/** The usage meter's first view (it polls every 5 s from then on). */
export function readFirstUsage(user: CurrentUser) {
  return firstView(() => readUsage(user), 5_000);
}
