// Per dialect: the path that differs and the schema that turns each answer into Keydesk's
// internal model. Both columns produce the same types, so nothing past the client can tell
// which dialect answered.
import type { z } from "zod";
import * as S from "./schemas";
import * as L from "./wire-legacy";
import * as F from "./wire-fast";
import type { Dialect } from "./dialect";
import type { AccountFees, Candle, OrderBook, TradingVolume } from "./model";

export interface Wire {
  tradePath: "trades" | "trade";
  time: z.ZodType<z.infer<typeof S.timeSchema>>;
  currencies: z.ZodType<S.Currency[]>;
  instruments: z.ZodType<(S.Instrument & { code: string })[]>;
  tickers: z.ZodType<S.MarketTicker[]>;
  ticker: z.ZodType<S.MarketTicker>;
  balances: z.ZodType<S.Balances>;
  fees: z.ZodType<AccountFees>;
  orders: z.ZodType<S.OrderHistory>;
  order: z.ZodType<z.infer<typeof S.singleOrderSchema>>;
  trades: z.ZodType<S.TradeHistory>;
  trade: z.ZodType<S.TradeEntry>;
  tradingVolume: z.ZodType<TradingVolume>;
  orderBook: z.ZodType<OrderBook>;
  candles: z.ZodType<Candle[]>;
}

export const WIRE: Record<Dialect, Wire> = {
  "bitpanda-pro": {
    tradePath: "trades",
    time: S.timeSchema,
    currencies: S.currenciesSchema,
    instruments: L.legacyInstruments,
    tickers: S.marketTickersSchema,
    ticker: S.marketTickerSchema,
    balances: S.balancesSchema,
    fees: L.legacyFees,
    orders: S.orderHistorySchema,
    order: S.singleOrderSchema,
    trades: S.tradeHistorySchema,
    trade: S.tradeEntrySchema,
    tradingVolume: S.tradingVolumeSchema,
    orderBook: L.legacyOrderBook,
    candles: L.legacyCandles,
  },
  "onetrading-fast": {
    tradePath: "trade",
    time: S.timeSchema,
    currencies: F.fastCurrencies,
    instruments: F.fastInstruments,
    tickers: F.fastTickers,
    ticker: F.fastTicker1,
    balances: F.fastBalances,
    fees: F.fastFees,
    orders: F.fastOrderHistory,
    order: F.fastSingleOrder,
    trades: F.fastTradeHistory,
    trade: F.fastTradeEntrySchema,
    // Never called: Fast has no trading-volume endpoint (the client refuses before any request).
    tradingVolume: S.tradingVolumeSchema,
    orderBook: F.fastOrderBook,
    candles: F.fastCandles,
  },
};
