// The read path as a named layer: one table maps each exchange-backed endpoint to its cache
// policy (lib/limiter's CACHE_POLICY) and its client call. Routes, server-rendered pages and
// lib/reads's composite reads (portfolio, history) name an endpoint; none passes a client method.
import "server-only";
import type { CurrentUser } from "@/lib/sessions/session";
import type { ExchangeClient, OrdersQuery, TradesQuery } from "@/lib/exchange/client";
import { CACHE_POLICY } from "@/lib/limiter/policy";
import type { Endpoint, Freshness } from "@/lib/limiter";
import { getDialectTraits } from "@/lib/env";
import { requireKeyAccess } from "@/lib/keys/access";
import { readKeyData, readMarketData, type ReadOptions } from "./read";

type NoParams = Record<string, never>;
type Upstream<T> = Promise<{ data: T; remainingQuota: number | null }>;

/** One table row: the client call, given the key's plaintext and the read's parameters. */
function keyRead<P, T>(call: (client: ExchangeClient, secret: string, params: P) => Upstream<T>) {
  return { call };
}

/** Endpoints read with a key's credentials. `params` is also the cache key's parameters. */
export const KEY_ENDPOINTS = {
  balances: keyRead((c, k, _p: NoParams) => c.getBalances(k)),
  fees: keyRead((c, k, _p: NoParams) => c.getAccountFees(k)),
  "trading-volume": keyRead((c, k, _p: NoParams) => c.getTradingVolume(k)),
  orders: keyRead((c, k, p: OrdersQuery) => c.listOrders(k, p)),
  trades: keyRead((c, k, p: TradesQuery) => c.listTrades(k, p)),
  order: keyRead((c, k, p: { orderId: string }) => c.getOrder(k, p.orderId)),
  "order-trades": keyRead((c, k, p: { orderId: string }) => c.getOrderTrades(k, p.orderId, { max_page_size: 100 })),
} satisfies Partial<Record<Endpoint, unknown>>;

/** Public market data: budgeted per IP and per user, not tied to a key. */
export const MARKET_ENDPOINTS = {
  tickers: { call: (c: ExchangeClient) => c.getMarketTickers() },
  instruments: { call: (c: ExchangeClient) => c.getInstruments() },
  currencies: { call: (c: ExchangeClient) => c.getCurrencies() },
} as const;

export type KeyEndpoint = keyof typeof KEY_ENDPOINTS;
export type MarketEndpoint = keyof typeof MARKET_ENDPOINTS;
export type KeyEndpointParams<E extends KeyEndpoint> = Parameters<(typeof KEY_ENDPOINTS)[E]["call"]>[2];
export type KeyEndpointData<E extends KeyEndpoint> = Awaited<ReturnType<(typeof KEY_ENDPOINTS)[E]["call"]>>["data"];
export type MarketEndpointData<E extends MarketEndpoint> = Awaited<
  ReturnType<(typeof MARKET_ENDPOINTS)[E]["call"]>
>["data"];

/** How long a value of this endpoint counts as fresh: the client asks again only after this. */
export function freshForMs(endpoint: KeyEndpoint | MarketEndpoint): number {
  return CACHE_POLICY[endpoint].ttlMs;
}

/** One key-backed read by name: authorization, budget, cache, freshness and hidden amounts as readKeyData. */
export function readKeyEndpoint<E extends KeyEndpoint>(
  user: CurrentUser,
  keyRowId: string,
  endpoint: E,
  params: KeyEndpointParams<E>,
  opts: ReadOptions = {},
): Promise<Freshness<KeyEndpointData<E>> & { amountsHidden?: boolean }> {
  const entry = KEY_ENDPOINTS[endpoint] as unknown as ReturnType<
    typeof keyRead<KeyEndpointParams<E>, KeyEndpointData<E>>
  >;
  return readKeyData<KeyEndpointData<E>>(
    user,
    keyRowId,
    endpoint,
    params as Record<string, unknown>,
    (client, secret) => entry.call(client, secret, params),
    opts,
  );
}

/** One public market read by name. */
export function readMarketEndpoint<E extends MarketEndpoint>(
  user: CurrentUser,
  endpoint: E,
  opts: Pick<ReadOptions, "noWait"> = {},
): Promise<Freshness<MarketEndpointData<E>>> {
  const entry = MARKET_ENDPOINTS[endpoint] as unknown as {
    call: (c: ExchangeClient) => Upstream<MarketEndpointData<E>>;
  };
  return readMarketData(user, endpoint, (client) => entry.call(client), opts);
}

/**
 * The key's trading volume, or, under a dialect without one (One Trading Fast), that fact as
 * data: after the same access check, without spending budget on a call that can't work.
 */
export async function readTradingVolume(user: CurrentUser, keyRowId: string, opts: ReadOptions = {}) {
  const traits = getDialectTraits();
  if (!traits.tradingVolume) {
    if (!opts.access) await requireKeyAccess(user, keyRowId, "read");
    return {
      data: null,
      unsupported: true as const,
      exchange: traits.label,
      fetchedAt: new Date().toISOString(),
      source: "live" as const,
    };
  }
  return readKeyEndpoint(user, keyRowId, "trading-volume", {}, opts);
}
