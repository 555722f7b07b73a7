// A key's exchange-backed and stored reads: each authorizes the key first (someone without
// access gets the same 404 as for a key that doesn't exist), then asks the read path.
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { parseQuery, requestLocale, type RouteHandler } from "@/lib/http/route";
import { requireUserAndKeyAccess } from "@/lib/keys/access";
import { readKeyEndpoint, readTradingVolume } from "@/lib/reads/endpoints";
import { FEE_RANGES, readFeesPaid, type FeeRange } from "@/lib/reads/fees-paid";
import { historyQuerySchema, listOrdersPage, listTradesPage } from "@/lib/reads/history";
import { toOrderList } from "@/lib/reads/order-list";
import { parseOrderId, wantsRefresh } from "@/lib/reads/params";
import { readValuation } from "@/lib/reads/valuation";
import { readBackfillStatus } from "@/lib/snapshots/backfill-state";
import { readKeySeries } from "@/lib/portfolio/key-series";
import { parseRange } from "@/lib/portfolio/series";

type Key = RouteHandler<{ keyId: string }>;
type Order = RouteHandler<{ keyId: string; orderId: string }>;

export const balances: Key = async ({ req, params }) => {
  const { user, key } = await requireUserAndKeyAccess(params.keyId, "read");
  return readKeyEndpoint(user, key.id, "balances", {}, { refresh: wantsRefresh(req.url), access: key });
};

/** Balances valued in EUR (exact), with the freshness of the older source. */
export const portfolio: Key = async ({ req, params }) => {
  const { user, key } = await requireUserAndKeyAccess(params.keyId, "read");
  return readValuation(user, key.id, { refresh: wantsRefresh(req.url), access: key, locale: requestLocale(req) });
};

export const fees: Key = async ({ req, params }) => {
  const { user, key } = await requireUserAndKeyAccess(params.keyId, "read");
  return readKeyEndpoint(user, key.id, "fees", {}, { refresh: wantsRefresh(req.url), access: key });
};

const rangeSchema = z.enum(Object.keys(FEE_RANGES) as [FeeRange, ...FeeRange[]]).default("30d");

export const feesPaid: Key = async ({ req, params }) => {
  const { user, key } = await requireUserAndKeyAccess(params.keyId, "read");
  const range = rangeSchema.safeParse(new URL(req.url).searchParams.get("range") ?? undefined);
  if (!range.success) throw new AppError("bad_request", "error.feesRange", { reason: "BAD_RANGE" });
  return readFeesPaid(user, key, range.data);
};

export const tradingVolume: Key = async ({ req, params }) => {
  const { user, key } = await requireUserAndKeyAccess(params.keyId, "read");
  return readTradingVolume(user, key.id, { refresh: wantsRefresh(req.url), access: key });
};

export const orders: Key = async ({ req, params }) => {
  const { user, key } = await requireUserAndKeyAccess(params.keyId, "read");
  const q = parseQuery(historyQuerySchema, req.url);
  return toOrderList(await listOrdersPage(user, key.id, q, { refresh: wantsRefresh(req.url), access: key }));
};

export const order: Order = async ({ params }) => {
  const { user, key } = await requireUserAndKeyAccess(params.keyId, "read");
  const orderId = parseOrderId(params.orderId);
  return readKeyEndpoint(user, key.id, "order", { orderId }, { access: key });
};

export const orderTrades: Order = async ({ params }) => {
  const { user, key } = await requireUserAndKeyAccess(params.keyId, "read");
  const orderId = parseOrderId(params.orderId);
  return readKeyEndpoint(user, key.id, "order-trades", { orderId }, { access: key });
};

export const trades: Key = async ({ req, params }) => {
  const { user, key } = await requireUserAndKeyAccess(params.keyId, "read");
  const q = parseQuery(historyQuerySchema, req.url);
  return listTradesPage(user, key.id, q, { refresh: wantsRefresh(req.url), access: key });
};

/** ?range=24h|7d|30d|1y|all: the key's value over time from stored snapshots (no exchange call). Hidden amounts: percentages only. */
export const history: Key = async ({ req, params }) => {
  const { key } = await requireUserAndKeyAccess(params.keyId, "read");
  return readKeySeries(key, parseRange(new URL(req.url).searchParams.get("range")));
};

/** The key's history backfill progress (state, days done / total) and the range of rebuilt, approximate values. No amounts, no exchange call. */
export const backfill: Key = async ({ params }) => {
  const { key } = await requireUserAndKeyAccess(params.keyId, "read");
  return readBackfillStatus(key.id);
};
