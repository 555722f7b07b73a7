// zod schemas of the Bitpanda Pro /public/v1 responses the dashboard reads. Their parsed shape is
// also Keydesk's internal model for balances, tickers, orders and trades: One Trading Fast's
// answers (./wire-fast.ts) are converted into it; fees have their own model (./model.ts).
// Amounts stay decimal strings (checked, never converted to floats); times are ISO-8601 strings.
import { z } from "zod";

export const decimalString = z.string().regex(/^-?\d+(\.\d+)?$/, "decimal string");
const isoTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, "ISO-8601 UTC time");
const seq = z.union([z.number().int(), z.string().regex(/^\d+$/)]);

export const timeSchema = z.object({ iso: isoTime, epoch_millis: z.number().int() });

export const currencySchema = z.looseObject({ code: z.string(), precision: z.number().int() });
export const currenciesSchema = z.array(currencySchema);

export const instrumentSchema = z.looseObject({
  /** Keydesk's instrument code (BTC_EUR, BTC_EUR_P): Fast sends it as `id`; Bitpanda Pro only has base and quote. */
  code: z.string().optional(),
  state: z.string(),
  base: z.object({ code: z.string(), precision: z.number().int() }),
  quote: z.object({ code: z.string(), precision: z.number().int() }),
  amount_precision: z.number().int(),
  market_precision: z.number().int(),
  min_size: decimalString,
});
export const instrumentsSchema = z.array(instrumentSchema);

export const marketTickerSchema = z.looseObject({
  instrument_code: z.string(),
  sequence: seq.optional(),
  time: isoTime.optional(),
  state: z.string().optional(),
  last_price: decimalString,
  best_bid: decimalString.optional(),
  best_ask: decimalString.optional(),
  price_change: decimalString.optional(),
  price_change_percentage: decimalString.optional(),
  high: decimalString.optional(),
  low: decimalString.optional(),
  base_volume: decimalString.optional(),
  quote_volume: decimalString.optional(),
});
export const marketTickersSchema = z.array(marketTickerSchema);

export const balanceSchema = z.looseObject({
  account_id: z.string().optional(),
  currency_code: z.string(),
  change: decimalString.optional(),
  available: decimalString,
  locked: decimalString,
  sequence: seq.optional(),
  time: isoTime.optional(),
});
export const balancesSchema = z.object({ account_id: z.string(), balances: z.array(balanceSchema) });

export const feeTierSchema = z.looseObject({
  volume: decimalString,
  fee_group_id: z.string(),
  maker_fee: decimalString,
  taker_fee: decimalString,
});
export const accountFeesSchema = z.looseObject({
  account_id: z.string(),
  running_trading_volume: decimalString,
  fee_group_id: z.string(),
  collect_fees_in_best: z.boolean().optional(),
  fee_discount_rate: decimalString.optional(),
  minimum_price_value: decimalString.optional(),
  fee_tiers: z.array(feeTierSchema),
  active_fee_tier: feeTierSchema,
});

export const orderSchema = z.looseObject({
  order_id: z.string(),
  client_id: z.string().optional(),
  account_id: z.string(),
  instrument_code: z.string(),
  time: isoTime,
  time_last_updated: isoTime.optional(),
  side: z.enum(["BUY", "SELL"]),
  // LIMIT, MARKET, STOP (Fast: LIMIT only); an unknown future type is kept rather than losing the order.
  type: z.union([z.enum(["LIMIT", "MARKET", "STOP"]), z.string().regex(/^[A-Z_]{1,32}$/)]),
  amount: decimalString,
  filled_amount: decimalString,
  price: decimalString.optional(),
  average_price: decimalString.optional(),
  trigger_price: decimalString.optional(),
  status: z.string(),
  reason: z.string().optional(),
  time_in_force: z.string().optional(),
  is_post_only: z.boolean().optional(),
  sequence: seq.optional(),
});

export const feeSchema = z.looseObject({
  fee_amount: decimalString,
  fee_currency: z.string(),
  fee_percentage: decimalString.optional(),
  fee_group_id: z.string().optional(),
  fee_type: z.enum(["TAKER", "MAKER"]).optional(),
  running_trading_volume: decimalString.optional(),
});
export const tradeSchema = z.looseObject({
  trade_id: z.string(),
  order_id: z.string(),
  account_id: z.string(),
  amount: decimalString,
  side: z.enum(["BUY", "SELL"]),
  instrument_code: z.string(),
  price: decimalString,
  time: isoTime,
  sequence: seq.optional(),
});
export const tradeEntrySchema = z.object({ trade: tradeSchema, fee: feeSchema });

export const orderHistorySchema = z.object({
  order_history: z.array(z.object({ order: orderSchema, trades: z.array(tradeEntrySchema).optional() })),
  max_page_size: z.number().int(),
  cursor: z.string().optional(),
});
export const singleOrderSchema = z.object({ order: orderSchema, trades: z.array(tradeEntrySchema).optional() });
export const tradeHistorySchema = z.object({
  trade_history: z.array(tradeEntrySchema),
  max_page_size: z.number().int(),
  cursor: z.string().optional(),
});
export const tradingVolumeSchema = z.object({ volume: decimalString });

export type Balances = z.infer<typeof balancesSchema>;
/** Bitpanda Pro's wire shape; Keydesk's own is AccountFees in ./model.ts. */
export type LegacyAccountFees = z.infer<typeof accountFeesSchema>;
export type { AccountFees } from "./model";
export type Order = z.infer<typeof orderSchema>;
export type TradeEntry = z.infer<typeof tradeEntrySchema>;
export type OrderHistory = z.infer<typeof orderHistorySchema>;
export type TradeHistory = z.infer<typeof tradeHistorySchema>;
export type MarketTicker = z.infer<typeof marketTickerSchema>;
export type Instrument = z.infer<typeof instrumentSchema>;
export type Currency = z.infer<typeof currencySchema>;
