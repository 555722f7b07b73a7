// Typed, READ-ONLY client for the exchange's REST API. It has no method that places,
// cancels or withdraws: Keydesk never calls a write endpoint. The key is passed per call
// and goes only into the Authorization header: never a URL, log line or error message.
import "server-only";
import type { z } from "zod";
import { ExchangeError, mapUpstreamError } from "./errors";
import * as S from "./schemas";

export interface ClientOptions {
  baseUrl: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTRUMENT = /^[A-Z0-9]{1,12}_[A-Z0-9]{1,12}(_P)?$/;

function pathId(value: string, kind: "uuid" | "instrument"): string {
  if (!(kind === "uuid" ? UUID : INSTRUMENT).test(value)) throw new ExchangeError(kind === "uuid" ? "INVALID_ORDER_ID" : "INVALID_INSTRUMENT_CODE", null);
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

export function createExchangeClient(opts: ClientOptions) {
  const base = opts.baseUrl.replace(/\/$/, "");
  const timeoutMs = opts.timeoutMs ?? 8_000;
  const doFetch = opts.fetchImpl ?? fetch;

  async function get<T>(endpoint: string, schema: z.ZodType<T>, key?: string): Promise<ExchangeResult<T>> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (key !== undefined) headers.Authorization = `Bearer ${key.trim()}`;
    const label = endpoint.split("?")[0] ?? endpoint;
    let res: Response;
    try {
      res = await doFetch(`${base}${endpoint}`, { headers, signal: AbortSignal.timeout(timeoutMs), cache: "no-store" });
    } catch (err) {
      // By name, not instanceof: the DOMException may come from another realm.
      const name = typeof err === "object" && err !== null ? (err as { name?: unknown }).name : undefined;
      const timedOut = name === "TimeoutError" || name === "AbortError";
      throw new ExchangeError(timedOut ? "upstream_timeout" : "upstream_unreachable", null, { endpoint: label });
    }
    let text: string;
    try {
      text = await res.text();
    } catch {
      throw new ExchangeError("upstream_unreachable", res.status, { endpoint: label });
    }
    if (!res.ok) throw mapUpstreamError(res.status, text, label);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ExchangeError("upstream_bad_response", res.status, { endpoint: label });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ExchangeError("upstream_bad_response", res.status, { endpoint: label });
    const quota = res.headers.get("bp-remaining-quota");
    return { data: parsed.data, remainingQuota: quota !== null && /^\d+$/.test(quota) ? Number(quota) : null };
  }

  return {
    getTime: () => get("/time", S.timeSchema),
    getCurrencies: () => get("/currencies", S.currenciesSchema),
    getInstruments: () => get("/instruments", S.instrumentsSchema),
    getMarketTickers: () => get("/market-ticker", S.marketTickersSchema),
    getMarketTicker: (code: string) => get(`/market-ticker/${pathId(code, "instrument")}`, S.marketTickerSchema),
    getBalances: (key: string) => get("/account/balances", S.balancesSchema, key),
    getAccountFees: (key: string) => get("/account/fees", S.accountFeesSchema, key),
    listOrders: (key: string, q: OrdersQuery = {}) => get(`/account/orders${queryString(q)}`, S.orderHistorySchema, key),
    getOrder: (key: string, id: string) => get(`/account/orders/${pathId(id, "uuid")}`, S.singleOrderSchema, key),
    getOrderTrades: (key: string, id: string, q: Pick<OrdersQuery, "max_page_size" | "cursor"> = {}) =>
      get(`/account/orders/${pathId(id, "uuid")}/trades${queryString(q)}`, S.tradeHistorySchema, key),
    listTrades: (key: string, q: TradesQuery = {}) => get(`/account/trades${queryString(q)}`, S.tradeHistorySchema, key),
    getTrade: (key: string, id: string) => get(`/account/trades/${pathId(id, "uuid")}`, S.tradeEntrySchema, key),
    getTradingVolume: (key: string) => get("/account/trading-volume", S.tradingVolumeSchema, key),
  };
}

export type ExchangeClient = ReturnType<typeof createExchangeClient>;
