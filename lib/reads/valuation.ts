// A key's balances valued in EUR on the server (exact decimals), with the freshness of the
// older of its two sources (balances and tickers). Remembers the total for the Keys page.
import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/sessions/session";
import { valueBalances, weightedChange24h, type ValuedBalance } from "@/lib/money/valuation";
import type { Freshness } from "@/lib/limiter";
import { CACHE_POLICY } from "@/lib/limiter/policy";
import type { ReadOptions } from "./read";
import { readKeyEndpoint, readMarketEndpoint } from "./endpoints";
import { requireKeyAccess } from "@/lib/keys/access";
import Decimal from "decimal.js";
import { AppError } from "@/lib/errors";
import { translator, type Locale } from "@/lib/i18n";
import { errorText } from "@/lib/i18n/error-text";
import { recordSnapshotFromRead } from "@/lib/snapshots/store";
import { setBounded } from "@/lib/bounded-map";

export interface Valuation {
  /** With amountsHidden, available/locked/total/valueEur are empty strings and totalEur is "". */
  rows: (ValuedBalance & { sharePct: string | null })[];
  amountsHidden?: boolean;
  totalEur: string;
  change24hPct: string | null;
  unpriced: string[];
  fetchedAt: string;
  /** When the first of its two sources stops being fresh: a reader asks again from then on. */
  freshUntil: string;
  source: "live" | "cache" | "stale";
  staleReason?: string;
  /** Stale because of pacing or a cool-down: when the gate will try the exchange again. */
  retryAfterSeconds?: number;
  /** Prices came from the exchange's WebSocket (lib/market), not a polled REST ticker: the label says "live". */
  live?: boolean;
  /**
   * On a live page: the balances' own freshness. `live`: the key's TRADING connection pushes them
   * as they change; otherwise they were read over REST at `fetchedAt` (the balances label says which).
   */
  balances?: { fetchedAt: string; source: "live" | "cache" | "stale"; staleReason?: string; live?: boolean };
  /** When tickers could not be read, values are missing and this says why. */
  pricesUnavailable?: string;
}

/** Why prices could not be read, in the reader's language (the panel quotes it). */
function pricesProblem(err: unknown, locale: Locale): string {
  if (err instanceof AppError) return errorText(err, locale);
  return err instanceof Error ? err.message : translator(locale)("error.pricesUnavailable");
}

function older(a: Freshness<unknown>, b: Freshness<unknown>): Freshness<unknown> {
  const rank = { live: 0, cache: 1, stale: 2 } as const;
  if (rank[a.source] !== rank[b.source]) return rank[a.source] > rank[b.source] ? a : b;
  return Date.parse(a.fetchedAt) <= Date.parse(b.fetchedAt) ? a : b;
}

/** What this process last wrote as each key's last value (fetchedAt|total). */
const lastValueWritten = new Map<string, string>();

export async function readValuation(
  user: CurrentUser,
  keyRowId: string,
  opts: ReadOptions & { locale?: Locale } = {},
): Promise<Valuation> {
  const access = opts.access ?? (await requireKeyAccess(user, keyRowId, "read"));
  // Prices don't depend on the key: read them alongside its balances, not after them.
  const prices = readMarketEndpoint(user, "tickers", { noWait: opts.noWait }).then(
    (t) => ({ t }),
    (err: unknown) => ({ err }),
  );
  const balances = await readKeyEndpoint(
    user,
    keyRowId,
    "balances",
    {},
    {
      ...opts,
      raw: true,
      access,
    },
  );
  const read = await prices;
  const tickers:
    | (Freshness<{ instrument_code: string; last_price: string; price_change_percentage?: string }[]> & {
        live?: boolean;
      })
    | null = "t" in read ? read.t : null;
  const pricesUnavailable = "err" in read ? pricesProblem(read.err, opts.locale ?? "en") : undefined;
  const valued = valueBalances(balances.data.balances, tickers?.data ?? []);
  const fresh = tickers ? older(balances, tickers) : balances;
  if (tickers && balances.source !== "stale" && access.role === "owner") {
    // The keys list's last total: written when it changed, not on every view served from cache.
    const last = `${balances.fetchedAt}|${valued.totalEur}`;
    if (lastValueWritten.get(keyRowId) !== last) {
      await db.apiKey.update({
        where: { id: keyRowId },
        data: { lastValueEur: valued.totalEur, lastValuedAt: new Date(balances.fetchedAt) },
      });
      setBounded(lastValueWritten, keyRowId, last, 20_000);
    }
  }
  // A read that happened anyway records the key's snapshot for this hour (portfolio over time).
  if (tickers && balances.source !== "stale" && tickers.source !== "stale")
    await recordSnapshotFromRead(keyRowId, balances.data.balances, tickers.data, balances.fetchedAt);
  const total = new Decimal(valued.totalEur);
  const rows = valued.rows.map((r) => ({
    ...r,
    sharePct: r.valueEur && !total.isZero() ? new Decimal(r.valueEur).div(total).mul(100).toFixed(1) : null,
  }));
  const hide = access.hideAmounts;
  const freshUntil = Math.min(
    Date.parse(balances.fetchedAt) + CACHE_POLICY.balances.ttlMs,
    tickers ? Date.parse(tickers.fetchedAt) + CACHE_POLICY.tickers.ttlMs : Infinity,
  );
  return {
    rows: hide ? rows.map((r) => ({ ...r, available: "", locked: "", total: "", valueEur: "" })) : rows,
    totalEur: hide ? "" : valued.totalEur,
    ...(hide ? { amountsHidden: true } : {}),
    change24hPct: weightedChange24h(valued.rows),
    unpriced: valued.unpriced,
    fetchedAt: fresh.fetchedAt,
    freshUntil: new Date(freshUntil).toISOString(),
    source: fresh.source,
    ...(fresh.staleReason ? { staleReason: fresh.staleReason } : {}),
    ...(fresh.retryAfterSeconds ? { retryAfterSeconds: fresh.retryAfterSeconds } : {}),
    ...(pricesUnavailable ? { pricesUnavailable } : {}),
    ...(tickers?.live ? { live: true } : {}),
  };
}
