// A key's balances valued in EUR on the server (exact decimals), with the freshness of the
// older of its two sources (balances and tickers). Remembers the total for the Keys page.
import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session";
import { valueBalances, weightedChange24h, type ValuedBalance } from "@/lib/money/valuation";
import type { Freshness } from "@/lib/limiter";
import { readKeyData, readMarketData, type ReadOptions } from "./read";
import { requireKeyAccess } from "@/lib/auth/key-access";
import Decimal from "decimal.js";

export interface Portfolio {
  /** With amountsHidden, available/locked/total/valueEur are empty strings and totalEur is "". */
  rows: (ValuedBalance & { sharePct: string | null })[];
  amountsHidden?: boolean;
  totalEur: string;
  change24hPct: string | null;
  unpriced: string[];
  fetchedAt: string;
  source: "live" | "cache" | "stale";
  staleReason?: string;
  /** When tickers could not be read, values are missing and this says why. */
  pricesUnavailable?: string;
}

function older(a: Freshness<unknown>, b: Freshness<unknown>): Freshness<unknown> {
  const rank = { live: 0, cache: 1, stale: 2 } as const;
  if (rank[a.source] !== rank[b.source]) return rank[a.source] > rank[b.source] ? a : b;
  return Date.parse(a.fetchedAt) <= Date.parse(b.fetchedAt) ? a : b;
}

export async function readPortfolio(user: CurrentUser, keyRowId: string, opts: ReadOptions = {}): Promise<Portfolio> {
  const access = opts.access ?? (await requireKeyAccess(user, keyRowId, "read"));
  const balances = await readKeyData(user, keyRowId, "balances", {}, (client, key) => client.getBalances(key), { ...opts, raw: true, access });
  let tickers: Freshness<{ instrument_code: string; last_price: string; price_change_percentage?: string }[]> | null = null;
  let pricesUnavailable: string | undefined;
  try {
    tickers = await readMarketData(user, "tickers", (client) => client.getMarketTickers());
  } catch (err) {
    pricesUnavailable = err instanceof Error ? err.message : "Prices are unavailable.";
  }
  const valued = valueBalances(balances.data.balances, tickers?.data ?? []);
  const fresh = tickers ? older(balances, tickers) : balances;
  if (tickers && balances.source !== "stale" && access.role === "owner") {
    await db.apiKey.update({ where: { id: keyRowId }, data: { lastValueEur: valued.totalEur, lastValuedAt: new Date(balances.fetchedAt) } });
  }
  const total = new Decimal(valued.totalEur);
  const rows = valued.rows.map((r) => ({ ...r, sharePct: r.valueEur && !total.isZero() ? new Decimal(r.valueEur).div(total).mul(100).toFixed(1) : null }));
  const hide = access.hideAmounts;
  return {
    rows: hide ? rows.map((r) => ({ ...r, available: "", locked: "", total: "", valueEur: "" })) : rows,
    totalEur: hide ? "" : valued.totalEur, ...(hide ? { amountsHidden: true } : {}), change24hPct: weightedChange24h(valued.rows), unpriced: valued.unpriced,
    fetchedAt: fresh.fetchedAt, source: fresh.source, ...(fresh.staleReason ? { staleReason: fresh.staleReason } : {}),
    ...(pricesUnavailable ? { pricesUnavailable } : {}),
  };
}
