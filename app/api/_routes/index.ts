// The API's one table: every address under /api/ that Keydesk serves (Auth.js's own endpoints
// excepted, app/api/auth), with its handler. Next's catch-all route, `npm start`'s direct
// server, the security headers and the metrics labels all come from here (lib/http/api.ts).
import { createApi, type ApiRoute } from "@/lib/http/api";
import * as key from "./key-reads";
import * as exports from "./exports";
import * as account from "./account-reads";

export const API_ROUTES: ApiRoute[] = [
  { path: "/api/keys/:keyId/balances", GET: key.balances },
  { path: "/api/keys/:keyId/portfolio", GET: key.portfolio },
  { path: "/api/keys/:keyId/fees", GET: key.fees },
  { path: "/api/keys/:keyId/fees-paid", GET: key.feesPaid },
  { path: "/api/keys/:keyId/trading-volume", GET: key.tradingVolume },
  { path: "/api/keys/:keyId/orders", GET: key.orders },
  { path: "/api/keys/:keyId/orders/:orderId", GET: key.order },
  { path: "/api/keys/:keyId/orders/:orderId/trades", GET: key.orderTrades },
  { path: "/api/keys/:keyId/trades", GET: key.trades },
  { path: "/api/keys/:keyId/history", GET: key.history },
  { path: "/api/keys/:keyId/backfill", GET: key.backfill },
  { path: "/api/keys/:keyId/export", GET: exports.keyExport },
  { path: "/api/keys/:keyId/history-export", GET: exports.historyExport },
  { path: "/api/activity/export", GET: exports.activityExport },
  { path: "/api/usage", GET: account.usage },
  { path: "/api/market/tickers", GET: account.market("tickers") },
  { path: "/api/market/instruments", GET: account.market("instruments") },
  { path: "/api/market/currencies", GET: account.market("currencies") },
  { path: "/api/portfolio", GET: account.portfolioHome },
  { path: "/api/live", GET: account.live },
  { path: "/api/health", GET: account.health },
];

export const api = createApi(API_ROUTES);
