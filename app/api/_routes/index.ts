// The API's one table: every address under /api/ that Keydesk serves (Auth.js's own endpoints
// excepted, app/api/auth), with its handler. Next's catch-all route, `npm start`'s direct
// server, the security headers and the metrics labels all come from here (lib/http/api.ts).
// Each handler's module loads on its first request (lazyHandler), so the table itself can be
// read for its paths outside Next.
import { createApi, lazyHandler as on, type ApiRoute } from "@/lib/http/api";

const key = () => import("./key-reads");
const exports = () => import("./exports");
const account = () => import("./account-reads");

export const API_ROUTES: ApiRoute[] = [
  { path: "/api/keys/:keyId/balances", GET: on(key, (m) => m.balances) },
  { path: "/api/keys/:keyId/portfolio", GET: on(key, (m) => m.portfolio) },
  { path: "/api/keys/:keyId/fees", GET: on(key, (m) => m.fees) },
  { path: "/api/keys/:keyId/fees-paid", GET: on(key, (m) => m.feesPaid) },
  { path: "/api/keys/:keyId/trading-volume", GET: on(key, (m) => m.tradingVolume) },
  { path: "/api/keys/:keyId/orders", GET: on(key, (m) => m.orders) },
  { path: "/api/keys/:keyId/orders/:orderId", GET: on(key, (m) => m.order) },
  { path: "/api/keys/:keyId/orders/:orderId/trades", GET: on(key, (m) => m.orderTrades) },
  { path: "/api/keys/:keyId/trades", GET: on(key, (m) => m.trades) },
  { path: "/api/keys/:keyId/history", GET: on(key, (m) => m.history) },
  { path: "/api/keys/:keyId/backfill", GET: on(key, (m) => m.backfill) },
  { path: "/api/keys/:keyId/export", GET: on(exports, (m) => m.keyExport) },
  { path: "/api/keys/:keyId/history-export", GET: on(exports, (m) => m.historyExport) },
  { path: "/api/activity/export", GET: on(exports, (m) => m.activityExport) },
  { path: "/api/usage", GET: on(account, (m) => m.usage) },
  { path: "/api/market/tickers", GET: on(account, (m) => m.market("tickers")) },
  { path: "/api/market/instruments", GET: on(account, (m) => m.market("instruments")) },
  { path: "/api/market/currencies", GET: on(account, (m) => m.market("currencies")) },
  { path: "/api/portfolio", GET: on(account, (m) => m.portfolioHome) },
  { path: "/api/live", GET: on(account, (m) => m.live) },
  { path: "/api/health", GET: on(account, (m) => m.health) },
];

export const api = createApi(API_ROUTES);
