// One Trading Fast (/fast/v1) answers → Keydesk's internal model. Each conversion names the
// section of REFERENCE.md it follows (§N); DIALECTS.md has the whole list.
import Decimal from "decimal.js";
import { z } from "zod";
import * as S from "./schemas";
import { candleSchema } from "./wire-legacy";
import { normalizeFastStatus, type AccountFees, type OrderBook } from "./model";

const seqString = z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(String);
/** REFERENCE.md §3, §5.3: Fast fee volumes are JSON numbers; kept exact as far as JSON allows, never in exponent form. */
const numberOrDecimal = z
  .union([S.decimalString, z.number().finite()])
  .transform((v) => (typeof v === "number" ? new Decimal(v).toFixed() : v));
/** REFERENCE.md §3: `/currencies` fields "come back as ints or strings". */
const intLike = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);

/** REFERENCE.md §3, §4: order-book (and websocket) times are integer nanoseconds since the epoch. */
export function nanosToIso(v: number | string): string {
  const ms = typeof v === "string" ? Number(BigInt(v) / 1_000_000n) : Math.floor(v / 1_000_000);
  return new Date(ms).toISOString();
}
const nanos = z.union([z.number().nonnegative(), z.string().regex(/^\d{1,20}$/)]);

export const fastCurrencies = z.array(z.looseObject({ code: z.string(), precision: intLike }));

/** REFERENCE.md §4: Fast adds `id` (BTC_EUR, BTC_EUR_P), `type` SPOT|PERP, min/max price. */
export const fastInstruments = z
  .array(S.instrumentSchema.extend({ id: z.string().optional(), type: z.string().optional() }))
  .transform((list) => list.map((i) => ({ ...i, code: i.id ?? i.code ?? `${i.base.code}_${i.quote.code}` })));

/** REFERENCE.md §4: `highest_bid`/`lowest_ask` instead of `best_bid`/`best_ask`; §3: `sequence` a string. */
const fastTicker = S.marketTickerSchema
  .extend({
    sequence: seqString.optional(),
    highest_bid: S.decimalString.optional(),
    lowest_ask: S.decimalString.optional(),
  })
  .transform(({ highest_bid, lowest_ask, ...t }) => ({
    ...t,
    ...((t.best_bid ?? highest_bid) ? { best_bid: t.best_bid ?? highest_bid } : {}),
    ...((t.best_ask ?? lowest_ask) ? { best_ask: t.best_ask ?? lowest_ask } : {}),
  }));
export const fastTickers = z.array(fastTicker);
export const fastTicker1 = fastTicker;

/** REFERENCE.md §5.2: `{account_id, balances:[{currency_code, available, locked, time}]}` plus margin totals. */
export const fastBalances = S.balancesSchema;

/** REFERENCE.md §5.3: groups SPOT and FUTURES, volumes as numbers, combined across subaccounts. */
export const fastFees = z
  .looseObject({
    account_id: z.string(),
    running_volumes: z.array(
      z.looseObject({ fee_group_id: z.string(), volume: numberOrDecimal, currency: z.string().optional() }),
    ),
    active_fee_tiers: z.array(
      z.looseObject({
        fee_group_id: z.string(),
        volume: numberOrDecimal,
        maker_fee: S.decimalString,
        taker_fee: S.decimalString,
      }),
    ),
  })
  .transform((f): AccountFees => {
    const ids = [
      ...new Set([...f.running_volumes.map((v) => v.fee_group_id), ...f.active_fee_tiers.map((t) => t.fee_group_id)]),
    ];
    return {
      account_id: f.account_id,
      groups: ids.map((id) => {
        const run = f.running_volumes.find((v) => v.fee_group_id === id);
        const t = f.active_fee_tiers.find((x) => x.fee_group_id === id);
        return {
          fee_group_id: id,
          running_volume: run?.volume ?? "0",
          volume_currency: run?.currency ?? null,
          active_tier: t ? { volume: t.volume, maker_fee: t.maker_fee, taker_fee: t.taker_fee } : null,
          tiers: [],
        };
      }),
      combined_across_subaccounts: true,
    };
  });

/** REFERENCE.md §5.4 order fields: string `sequence`, Fast-only fee totals; §6: BOOKED, DONE, CANCELLED, reasons as statuses. */
const fastOrder = S.orderSchema.extend({ sequence: seqString.optional() }).transform((o) => {
  const n = normalizeFastStatus(o.status, o.amount, o.filled_amount, o.reason);
  const { reason: _drop, ...rest } = o;
  return {
    ...rest,
    status: n.status,
    ...(n.reason ? { reason: n.reason } : {}),
    ...(n.status !== o.status ? { exchange_status: o.status } : {}),
  };
});

/** REFERENCE.md §5.4 trade entry: fee is only {fee_amount, fee_currency}; `matched_as` MAKER|TAKER becomes the fee type. */
const fastTradeEntry = z
  .looseObject({
    trade: S.tradeSchema.extend({ sequence: seqString.optional(), matched_as: z.enum(["MAKER", "TAKER"]).optional() }),
    fee: S.feeSchema,
    matched_as: z.enum(["MAKER", "TAKER"]).optional(),
  })
  .transform(({ trade: { matched_as: inTrade, ...trade }, fee, matched_as }) => {
    const role = fee.fee_type ?? inTrade ?? matched_as;
    return { trade, fee: { ...fee, ...(role ? { fee_type: role } : {}) } };
  });

const pageSize = z.number().int().optional();
export const fastOrderHistory = z
  .object({
    order_history: z.array(z.object({ order: fastOrder, trades: z.array(fastTradeEntry).optional() })),
    max_page_size: pageSize,
    cursor: z.string().optional(),
  })
  .transform((p) => ({ ...p, max_page_size: p.max_page_size ?? p.order_history.length }));
export const fastSingleOrder = z.object({ order: fastOrder, trades: z.array(fastTradeEntry).optional() });
export const fastTradeHistory = z
  .object({ trade_history: z.array(fastTradeEntry), max_page_size: pageSize, cursor: z.string().optional() })
  .transform((p) => ({ ...p, max_page_size: p.max_page_size ?? p.trade_history.length }));
export const fastTradeEntrySchema = fastTradeEntry;

/** REFERENCE.md §4: `depth` instead of `level`, arrays of {price, amount}, time in nanoseconds. */
const fastLevel = z.looseObject({ price: S.decimalString, amount: S.decimalString });
export const fastOrderBook = z
  .looseObject({ instrument_code: z.string(), time: nanos, bids: z.array(fastLevel), asks: z.array(fastLevel) })
  .transform((b): OrderBook => ({
    instrument_code: b.instrument_code,
    time: nanosToIso(b.time),
    bids: b.bids.map(({ price, amount }) => ({ price, amount })),
    asks: b.asks.map(({ price, amount }) => ({ price, amount })),
  }));

/** REFERENCE.md §4: candlesticks wrapped in {"status":"data","candlesticks":[…]}; no candles may come without the array. */
export const fastCandles = z
  .looseObject({ status: z.string(), candlesticks: z.array(candleSchema).optional() })
  .transform((w) => w.candlesticks ?? []);
