// Bitpanda Pro (/public/v1) answers → Keydesk's internal model. Most shapes ARE the model
// (./schemas.ts); only fees, instruments, order books and candlesticks are reshaped here.
import { z } from "zod";
import * as S from "./schemas";
import type { AccountFees, Candle, FeeTier, OrderBook } from "./model";

const tier = (t: { volume: string; maker_fee: string; taker_fee: string }): FeeTier => ({
  volume: t.volume,
  maker_fee: t.maker_fee,
  taker_fee: t.taker_fee,
});

export const legacyFees = S.accountFeesSchema.transform((f): AccountFees => ({
  account_id: f.account_id,
  groups: [
    {
      fee_group_id: f.fee_group_id,
      running_volume: f.running_trading_volume,
      volume_currency: null,
      active_tier: tier(f.active_fee_tier),
      tiers: f.fee_tiers.map(tier),
    },
  ],
  combined_across_subaccounts: false,
  ...(f.collect_fees_in_best !== undefined ? { collect_fees_in_best: f.collect_fees_in_best } : {}),
  ...(f.fee_discount_rate !== undefined ? { fee_discount_rate: f.fee_discount_rate } : {}),
}));

export const legacyInstruments = S.instrumentsSchema.transform((list) =>
  list.map((i) => ({ ...i, code: i.code ?? `${i.base.code}_${i.quote.code}` })),
);

const level = z.looseObject({
  price: S.decimalString,
  amount: S.decimalString,
  number_of_orders: z.number().int().optional(),
});
/** Level 2 (aggregated by price): the level Keydesk asks for. */
export const legacyOrderBook = z
  .looseObject({
    instrument_code: z.string(),
    time: z.string(),
    bids: z.array(level),
    asks: z.array(level),
  })
  .transform((b): OrderBook => ({
    instrument_code: b.instrument_code,
    time: b.time,
    bids: b.bids.map(({ price, amount, number_of_orders }) => ({
      price,
      amount,
      ...(number_of_orders !== undefined ? { number_of_orders } : {}),
    })),
    asks: b.asks.map(({ price, amount, number_of_orders }) => ({
      price,
      amount,
      ...(number_of_orders !== undefined ? { number_of_orders } : {}),
    })),
  }));

export const candleSchema = z
  .looseObject({
    instrument_code: z.string(),
    granularity: z.object({ unit: z.string(), period: z.number().int() }),
    open: S.decimalString,
    high: S.decimalString,
    low: S.decimalString,
    close: S.decimalString,
    total_amount: S.decimalString.optional(),
    volume: S.decimalString.optional(),
    time: z.string(),
  })
  .transform((c): Candle => ({
    instrument_code: c.instrument_code,
    granularity: c.granularity,
    open: c.open,
    high: c.high,
    low: c.low,
    close: c.close,
    time: c.time,
    ...(c.total_amount !== undefined ? { total_amount: c.total_amount } : {}),
    ...(c.volume !== undefined ? { volume: c.volume } : {}),
  }));
export const legacyCandles = z.array(candleSchema);
