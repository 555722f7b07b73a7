// A key's valuation for a live page: the same figures as GET /api/keys/:id/portfolio
// (lib/reads/valuation.ts: exact decimals, each row's share of the total, the weighted 24 h
// change), from balances the live hub holds and the prices at hand (and the balances' own
// freshness: pushed by the key's TRADING connection, or read over REST), and the redaction a viewer
// with hidden amounts gets there (percentages only: no amount, no EUR value, no total).
import Decimal from "decimal.js";
import { valueBalances, weightedChange24h, type BalanceLike, type TickerLike } from "@/lib/money/valuation";
import type { Valuation } from "@/lib/reads/valuation";

export interface PriceSourceInfo {
  fetchedAt: string;
  source: "live" | "cache" | "stale";
  staleReason?: string;
  live: boolean;
}

export function valueForLivePage(
  balances: {
    data: readonly BalanceLike[];
    fetchedAt: string;
    source: "live" | "cache" | "stale";
    staleReason?: string;
    /** The key's TRADING connection keeps these balances current (each order event brings them). */
    pushed?: boolean;
  },
  tickers: readonly TickerLike[],
  prices: PriceSourceInfo,
  freshUntil: string,
): Valuation {
  const valued = valueBalances(balances.data, tickers);
  const total = new Decimal(valued.totalEur);
  const rows = valued.rows.map((r) => ({
    ...r,
    sharePct: r.valueEur && !total.isZero() ? new Decimal(r.valueEur).div(total).mul(100).toFixed(1) : null,
  }));
  // The label shows the prices' freshness; a stale balance read says so instead.
  const older = balances.source === "stale" ? balances : prices;
  return {
    rows,
    totalEur: valued.totalEur,
    change24hPct: weightedChange24h(valued.rows),
    unpriced: valued.unpriced,
    fetchedAt: older.fetchedAt,
    freshUntil,
    source: older.source,
    ...(older.staleReason ? { staleReason: older.staleReason } : {}),
    ...(prices.live && balances.source !== "stale" ? { live: true } : {}),
    // Pushed: current as of now whatever read gave the base (every change since comes as an event).
    balances: balances.pushed
      ? { fetchedAt: balances.fetchedAt, source: "live", live: true }
      : {
          fetchedAt: balances.fetchedAt,
          source: balances.source,
          ...(balances.staleReason ? { staleReason: balances.staleReason } : {}),
        },
  };
}

/** What a viewer with hidden amounts receives: shares and prices, never an amount or a EUR value. */
export function hideAmounts(p: Valuation): Valuation {
  return {
    ...p,
    rows: p.rows.map((r) => ({ ...r, available: "", locked: "", total: "", valueEur: "" })),
    totalEur: "",
    amountsHidden: true,
  };
}
