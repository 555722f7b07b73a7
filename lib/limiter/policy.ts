// Cache and priority policies, kept as data.
export type Endpoint =
  | "balances"
  | "fees"
  | "orders"
  | "order"
  | "order-trades"
  | "trades"
  | "trading-volume"
  | "instruments"
  | "currencies"
  | "tickers"
  | "candlesticks";

export type Priority = "interactive" | "background";

/** Fresh for ttlMs; after that served only as labelled stale data, for up to staleMs. */
export const CACHE_POLICY: Record<Endpoint, { ttlMs: number; staleMs: number }> = {
  balances: { ttlMs: 5_000, staleMs: 24 * 3_600_000 },
  fees: { ttlMs: 60_000, staleMs: 24 * 3_600_000 },
  "trading-volume": { ttlMs: 60_000, staleMs: 24 * 3_600_000 },
  orders: { ttlMs: 15_000, staleMs: 24 * 3_600_000 },
  order: { ttlMs: 15_000, staleMs: 24 * 3_600_000 },
  "order-trades": { ttlMs: 15_000, staleMs: 24 * 3_600_000 },
  trades: { ttlMs: 15_000, staleMs: 24 * 3_600_000 },
  tickers: { ttlMs: 10_000, staleMs: 3_600_000 },
  instruments: { ttlMs: 3_600_000, staleMs: 7 * 24 * 3_600_000 },
  currencies: { ttlMs: 3_600_000, staleMs: 7 * 24 * 3_600_000 },
  // Daily candles (the backfill): closed days never change; the open day's close moves, so an
  // hour, like the instrument list.
  candlesticks: { ttlMs: 3_600_000, staleMs: 7 * 24 * 3_600_000 },
};

/** How long a request may wait for budget before Keydesk answers 429 itself. */
export const MAX_WAIT_MS: Record<Priority, number> = { interactive: 2_000, background: 30_000 };

/**
 * With data already on hand (stale), an interactive request waits only this long for budget:
 * then it gets that data at once, labelled stale ("pacing requests"), and the next request
 * tries again. A viewer waits the full MAX_WAIT_MS only when there is nothing to show.
 */
export const MAX_WAIT_WITH_STALE_MS: Record<Priority, number> = { interactive: 250, background: 30_000 };

/**
 * Background work (exports) may not use the last 5 % of any layer's minute: a person who starts
 * reading during an export is served at once. Otherwise background work may use the whole
 * budget while nobody waits; people waiting always come first (./fair-share.ts).
 */
export const BACKGROUND_RESERVE = 0.05;

export type StaleReason =
  | "rate_limited"
  | "ip_blocked"
  | "account_cooldown"
  | "upstream_error"
  | "upstream_unreachable"
  | "key_revoked"
  | "key_rejected";
