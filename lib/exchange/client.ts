// Typed, READ-ONLY client for the exchange's REST API in either dialect (One Trading Fast or
// Bitpanda Pro, ./dialect.ts); every answer comes back in Keydesk's internal model, whichever
// dialect sent it (./wire.ts, DIALECTS.md). It has no method that places, cancels or withdraws:
// Keydesk never calls a write endpoint. The key is passed per call and goes only into the
// Authorization header: never a URL, log line or error message.
import "server-only";
import type { z } from "zod";
import { Agent, request, type Dispatcher } from "undici";
import { ExchangeError, mapUpstreamError } from "./errors";
import { DIALECT_TRAITS, resolveDialect, type Dialect } from "./dialect";
import { WIRE } from "./wire";

export interface ClientOptions {
  baseUrl: string;
  /** The exchange's dialect; by default from the base URL's path (lib/exchange/dialect.ts). */
  dialect?: Dialect;
  timeoutMs?: number;
  /** Where requests go; by default a keep-alive pool of this client's own. */
  dispatcher?: Dispatcher;
}

export interface ExchangeResult<T> {
  data: T;
  remainingQuota: number | null;
}

export interface OrdersQuery {
  from?: string;
  to?: string;
  instrument_code?: string;
  with_cancelled_and_rejected?: boolean;
  with_just_filled_inactive?: boolean;
  with_just_orders?: boolean;
  max_page_size?: number;
  cursor?: string;
}
export type TradesQuery = Pick<OrdersQuery, "from" | "to" | "instrument_code" | "max_page_size" | "cursor">;

/** Fast takes depth 1, 2, 4, 8 or 16 (REFERENCE.md §4): the smallest that covers the request. */
const FAST_DEPTHS = [1, 2, 4, 8, 16] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTRUMENT = /^[A-Z0-9]{1,12}_[A-Z0-9]{1,12}(_P)?$/;

function pathId(value: string, kind: "uuid" | "instrument"): string {
  if (!(kind === "uuid" ? UUID : INSTRUMENT).test(value))
    throw new ExchangeError(kind === "uuid" ? "INVALID_ORDER_ID" : "INVALID_INSTRUMENT_CODE", null);
  return encodeURIComponent(value);
}

function queryString(q: object): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null) continue;
    params.set(k, typeof v === "boolean" ? (v ? "true" : "false") : String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** No answer the dashboard reads comes near this (a page of 100 orders is about 60 KiB). */
const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

export function createExchangeClient(opts: ClientOptions) {
  const base = opts.baseUrl.replace(/\/$/, "");
  const dialect = opts.dialect ?? resolveDialect(opts.baseUrl);
  const wire = WIRE[dialect];
  const timeoutMs = opts.timeoutMs ?? 8_000;
  // undici's request API on a pool of our own, not the global fetch: Next.js wraps fetch for
  // its data cache (the exchange must never be cached), and fetch's web streams cost about
  // 1 ms more per call. Timeouts cover connecting, the headers and every pause in the body.
  const ownPool = !opts.dispatcher;
  const dispatcher =
    opts.dispatcher ??
    new Agent({
      keepAliveTimeout: 4_000,
      connectTimeout: timeoutMs,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      connections: 64,
      maxResponseSize: MAX_RESPONSE_BYTES,
    });

  async function get<T>(endpoint: string, schema: z.ZodType<T>, key?: string): Promise<ExchangeResult<T>> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (key !== undefined) headers.Authorization = `Bearer ${key.trim()}`;
    const label = endpoint.split("?")[0] ?? endpoint;
    const signal = AbortSignal.timeout(timeoutMs);
    let res: Dispatcher.ResponseData;
    try {
      res = await request(`${base}${endpoint}`, { method: "GET", headers, dispatcher, signal });
    } catch (err) {
      throw new ExchangeError(isTimeout(err) ? "upstream_timeout" : "upstream_unreachable", null, { endpoint: label });
    }
    const status = res.statusCode;
    let text: string;
    try {
      text = await res.body.text();
    } catch (err) {
      if ((err as { code?: unknown } | null)?.code === "UND_ERR_RES_EXCEEDED_MAX_SIZE")
        throw new ExchangeError("upstream_bad_response", status, { endpoint: label });
      throw new ExchangeError(isTimeout(err) ? "upstream_timeout" : "upstream_unreachable", status, {
        endpoint: label,
      });
    }
    if (status < 200 || status > 299) throw mapUpstreamError(status, text, label, dialect);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ExchangeError("upstream_bad_response", status, { endpoint: label });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ExchangeError("upstream_bad_response", status, { endpoint: label });
    const header = res.headers["bp-remaining-quota"];
    const quota = Array.isArray(header) ? header[0] : header;
    return { data: parsed.data, remainingQuota: quota !== undefined && /^\d+$/.test(quota) ? Number(quota) : null };
  }

  // Fast looks up single orders and trades only within the last 30 days (REFERENCE.md §5.4): a
  // "not found" there may just mean "too old", and the error says so in words.
  const lookup = <T>(p: Promise<T>, what: "order" | "trade"): Promise<T> => {
    if (DIALECT_TRAITS[dialect].lookupMaxAgeMs === null) return p;
    return p.catch((err: unknown) => {
      if (err instanceof ExchangeError && (err.code === "ORDER_NOT_FOUND" || err.code === "NOT_FOUND")) {
        throw new ExchangeError(
          what === "order" ? "ORDER_LOOKUP_OUT_OF_RANGE" : "TRADE_LOOKUP_OUT_OF_RANGE",
          err.status,
          { dialect },
        );
      }
      throw err;
    });
  };

  return {
    dialect,
    traits: DIALECT_TRAITS[dialect],
    /** Closes the client's own connection pool (tests and shutdown); a given dispatcher stays open. */
    close: async () => {
      if (ownPool) await dispatcher.close();
    },
    getTime: () => get("/time", wire.time),
    getCurrencies: () => get("/currencies", wire.currencies),
    getInstruments: () => get("/instruments", wire.instruments),
    getMarketTickers: () => get("/market-ticker", wire.tickers),
    getMarketTicker: (code: string) => get(`/market-ticker/${pathId(code, "instrument")}`, wire.ticker),
    /** Aggregated by price, best first, at least `depth` levels a side when the exchange has them. */
    getOrderBook: (code: string, depth = 16) => {
      const q =
        dialect === "onetrading-fast" ? { depth: FAST_DEPTHS.find((d) => d >= depth) ?? 16 } : { level: 2, depth };
      return get(`/order-book/${pathId(code, "instrument")}${queryString(q)}`, wire.orderBook);
    },
    getCandlesticks: (
      code: string,
      q: { unit: "MINUTES" | "HOURS" | "DAYS" | "WEEKS" | "MONTHS"; period: number; from: string; to: string },
    ) => get(`/candlesticks/${pathId(code, "instrument")}${queryString(q)}`, wire.candles),
    getBalances: (key: string) => get("/account/balances", wire.balances, key),
    getAccountFees: (key: string) => get("/account/fees", wire.fees, key),
    listOrders: (key: string, q: OrdersQuery = {}) => get(`/account/orders${queryString(q)}`, wire.orders, key),
    getOrder: (key: string, id: string) =>
      lookup(get(`/account/orders/${pathId(id, "uuid")}`, wire.order, key), "order"),
    getOrderTrades: (key: string, id: string, q: Pick<OrdersQuery, "max_page_size" | "cursor"> = {}) =>
      lookup(get(`/account/orders/${pathId(id, "uuid")}/trades${queryString(q)}`, wire.trades, key), "order"),
    listTrades: (key: string, q: TradesQuery = {}) => get(`/account/trades${queryString(q)}`, wire.trades, key),
    /** Bitpanda Pro: account/trades/{id}; Fast: account/trade/{id} (singular, REFERENCE.md §5.1 #15). */
    getTrade: (key: string, id: string) =>
      lookup(get(`/account/${wire.tradePath}/${pathId(id, "uuid")}`, wire.trade, key), "trade"),
    /** Bitpanda Pro only (REFERENCE.md §5.1 #16). Under Fast this throws `feature_unavailable` without calling the exchange. */
    getTradingVolume: (key: string) => {
      if (!DIALECT_TRAITS[dialect].tradingVolume)
        return Promise.reject(new ExchangeError("feature_unavailable", null, { endpoint: "/account/trading-volume" }));
      return get("/account/trading-volume", wire.tradingVolume, key);
    },
  };
}

export type ExchangeClient = ReturnType<typeof createExchangeClient>;

/** By name and code, not instanceof: the error may come from another realm. */
function isTimeout(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const { name, code } = err as { name?: unknown; code?: unknown };
  return (
    name === "TimeoutError" ||
    name === "AbortError" ||
    code === "UND_ERR_HEADERS_TIMEOUT" ||
    code === "UND_ERR_BODY_TIMEOUT" ||
    code === "UND_ERR_CONNECT_TIMEOUT" ||
    code === "UND_ERR_ABORTED"
  );
}
