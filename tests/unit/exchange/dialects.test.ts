// The exchange client against both dialects' documented example bodies (as lib/exchange/REFERENCE.md
// §§4-7 describes them): every answer comes out in the same internal model.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createExchangeClient } from "@/lib/exchange/client";
import { ExchangeError } from "@/lib/exchange/errors";
import { dialectFromBaseUrl, resolveDialect } from "@/lib/exchange/dialect";

const ACC = "ef3a5f4c-cfcd-415e-ba89-5a9abf47b28a";
const ORDER = "d453ca12-c650-46dd-9dee-66910d96bfc0";
const TRADE = "ec82896f-fd1b-4cbb-89df-a9da85ccbb4b";

// REFERENCE.md §5.2, §5.3, §5.4, §4: Bitpanda Pro examples, as the exchange documents them.
const LEGACY: Record<string, unknown> = {
  "/account/balances": {
    account_id: ACC,
    balances: [
      {
        account_id: ACC,
        currency_code: "BTC",
        change: "0.2",
        available: "1.23456789",
        locked: "0.4",
        sequence: 95580252,
        time: "2020-06-02T15:17:56.819Z",
      },
      {
        account_id: ACC,
        currency_code: "EUR",
        change: "-1813.06",
        available: "6606.62",
        locked: "250.00",
        sequence: 95501978,
        time: "2020-06-02T12:40:47.548Z",
      },
    ],
  },
  "/account/fees": {
    account_id: ACC,
    running_trading_volume: "0.0",
    fee_group_id: "default",
    collect_fees_in_best: false,
    fee_discount_rate: "25.0",
    minimum_price_value: "0.12",
    fee_tiers: [
      { volume: "0.0", fee_group_id: "default", maker_fee: "0.1", taker_fee: "0.1" },
      { volume: "100.0", fee_group_id: "default", maker_fee: "0.09", taker_fee: "0.1" },
    ],
    active_fee_tier: { volume: "0.0", fee_group_id: "default", maker_fee: "0.1", taker_fee: "0.1" },
  },
  "/account/orders": {
    order_history: [
      {
        order: {
          order_id: ORDER,
          client_id: "0c1f5a7e-2b1d-4d33-9a0e-5f3c2b1a9d77",
          account_id: ACC,
          instrument_code: "BTC_EUR",
          time: "2020-08-14T14:21:53.665Z",
          time_last_updated: "2020-08-14T14:22:03.225Z",
          side: "SELL",
          type: "LIMIT",
          amount: "0.2",
          filled_amount: "0.2",
          price: "10159.76",
          average_price: "10159.76",
          time_in_force: "GOOD_TILL_CANCELLED",
          is_post_only: false,
          sequence: 223812644,
          status: "FILLED_FULLY",
        },
        trades: [
          {
            fee: {
              fee_amount: "2.03195",
              fee_currency: "EUR",
              fee_percentage: "0.1",
              fee_group_id: "default",
              fee_type: "MAKER",
              running_trading_volume: "1.05",
            },
            trade: {
              trade_id: TRADE,
              order_id: ORDER,
              account_id: ACC,
              amount: "0.2",
              side: "SELL",
              instrument_code: "BTC_EUR",
              price: "10159.76",
              time: "2020-08-14T14:22:03.051Z",
              sequence: 223812643,
            },
          },
        ],
      },
      {
        order: {
          order_id: "5151a99e-f414-418f-8cf1-2568d0a63ea5",
          account_id: ACC,
          instrument_code: "BTC_EUR",
          time: "2020-08-14T14:01:36.773Z",
          side: "BUY",
          type: "LIMIT",
          amount: "0.5",
          filled_amount: "0.0",
          price: "9289.88",
          time_in_force: "GOOD_TILL_CANCELLED",
          is_post_only: false,
          sequence: 223811007,
          status: "OPEN",
        },
        trades: [],
      },
    ],
    max_page_size: 2,
    cursor: "eyJhY2NvdW50X2lkIjp7InMiOiJlZjNhNWY0Yy4uLiJ9fQ==",
  },
  "/market-ticker": [
    {
      instrument_code: "BTC_EUR",
      sequence: 602562,
      time: "2020-07-10T06:27:34.951Z",
      state: "ACTIVE",
      is_frozen: 0,
      quote_volume: "1000.0",
      base_volume: "0.12",
      last_price: "8143.91",
      best_bid: "8143.00",
      best_ask: "8144.50",
      price_change: "-147.47",
      price_change_percentage: "-1.78",
      high: "8300.00",
      low: "8100.00",
    },
  ],
  "/instruments": [
    {
      state: "ACTIVE",
      base: { code: "ETH", precision: 8 },
      quote: { code: "CHF", precision: 2 },
      amount_precision: 4,
      market_precision: 2,
      min_size: "10.0",
    },
  ],
  "/currencies": [{ code: "BEST", precision: 8 }],
  "/order-book/BTC_EUR": {
    instrument_code: "BTC_EUR",
    time: "2020-07-10T06:27:34.951Z",
    bids: [{ price: "8143.00", amount: "0.5", number_of_orders: 2 }],
    asks: [{ price: "8144.50", amount: "0.25", number_of_orders: 1 }],
  },
  "/candlesticks/BTC_EUR": [
    {
      instrument_code: "BTC_EUR",
      granularity: { unit: "HOURS", period: 1 },
      high: "9000.0",
      low: "8900.0",
      open: "8950.0",
      close: "8990.0",
      total_amount: "1.5",
      volume: "13400.0",
      time: "2020-05-08T22:59:59.999Z",
      last_sequence: 1,
    },
  ],
  "/account/trading-volume": { volume: "12345.67" },
  [`/account/trades/${TRADE}`]: {
    trade: {
      trade_id: TRADE,
      order_id: ORDER,
      account_id: ACC,
      amount: "0.2",
      side: "SELL",
      instrument_code: "BTC_EUR",
      price: "10159.76",
      time: "2020-08-14T14:22:03.051Z",
      sequence: 223812643,
    },
    fee: { fee_amount: "2.03195", fee_currency: "EUR", fee_type: "MAKER" },
  },
};

// REFERENCE.md §5.2, §5.3 (Fast's fees), §5.4 get-orders/get-trades, §4 ticker/order book/candlesticks, §6.
const FAST: Record<string, unknown> = {
  "/account/balances": {
    account_id: ACC,
    balances: [
      { currency_code: "BTC", available: "1.23456789", locked: "0.4", time: "2024-11-13T09:02:21.876Z" },
      { currency_code: "EUR", available: "6606.62", locked: "250.00", time: "2024-11-13T09:02:21.876Z" },
    ],
    account_equity: "6856.62",
    margin_available: "6606.62",
    margin_used: "250.00",
  },
  "/account/fees": {
    account_id: ACC,
    running_volumes: [
      { fee_group_id: "SPOT", volume: 349.68, currency: "EUR" },
      { fee_group_id: "FUTURES", volume: 0, currency: "EUR" },
    ],
    active_fee_tiers: [
      { fee_group_id: "SPOT", volume: 0, maker_fee: "0.1000", taker_fee: "0.2000" },
      { fee_group_id: "FUTURES", volume: 0, maker_fee: "0.0200", taker_fee: "0.0500" },
    ],
  },
  "/account/orders": {
    order_history: [
      {
        order: {
          order_id: ORDER,
          account_id: ACC,
          instrument_code: "BTC_EUR",
          time: "2024-11-13T09:02:21.876Z",
          side: "SELL",
          type: "LIMIT",
          amount: "0.2",
          filled_amount: "0.2",
          price: "10159.76",
          time_in_force: "GOOD_TILL_CANCELLED",
          sequence: "58894260661",
          status: "DONE",
          total_fee: "2.03195",
          fee_currency: "EUR",
          order_book_sequence: "1",
        },
        trades: [
          {
            trade: {
              trade_id: TRADE,
              order_id: ORDER,
              account_id: ACC,
              amount: "0.2",
              side: "SELL",
              instrument_code: "BTC_EUR",
              price: "10159.76",
              time: "2024-11-13T09:02:21.900Z",
              sequence: "58894260662",
              matched_as: "MAKER",
              time_nanos: "1731488541900000000",
            },
            fee: { fee_amount: "2.03195", fee_currency: "EUR" },
          },
        ],
      },
      {
        order: {
          order_id: "5151a99e-f414-418f-8cf1-2568d0a63ea5",
          account_id: ACC,
          instrument_code: "BTC_EUR_P",
          time: "2024-11-13T09:00:00.000Z",
          side: "BUY",
          type: "LIMIT",
          amount: "0.5",
          filled_amount: "0.0",
          price: "9289.88",
          sequence: "58894260600",
          status: "BOOKED",
        },
        trades: [],
      },
      {
        order: {
          order_id: "6151a99e-f414-418f-8cf1-2568d0a63ea5",
          account_id: ACC,
          instrument_code: "BTC_EUR",
          time: "2024-11-13T08:00:00.000Z",
          side: "BUY",
          type: "LIMIT",
          amount: "5",
          filled_amount: "0",
          price: "9000",
          sequence: "58894260500",
          status: "INSUFFICIENT_FUNDS",
        },
      },
      {
        order: {
          order_id: "7151a99e-f414-418f-8cf1-2568d0a63ea5",
          account_id: ACC,
          instrument_code: "BTC_EUR",
          time: "2024-11-13T07:00:00.000Z",
          side: "BUY",
          type: "LIMIT",
          amount: "1",
          filled_amount: "0.4",
          price: "9000",
          sequence: "58894260400",
          status: "CANCELLED",
        },
      },
    ],
    max_page_size: 4,
    cursor: "1731488541876570",
  },
  "/account/trades": {
    trade_history: [
      {
        trade: {
          trade_id: TRADE,
          order_id: ORDER,
          account_id: ACC,
          amount: "0.2",
          side: "SELL",
          instrument_code: "BTC_EUR",
          price: "10159.76",
          time: "2024-11-13T09:02:21.900Z",
          sequence: "58894260662",
          matched_as: "TAKER",
        },
        fee: { fee_amount: "2.03195", fee_currency: "EUR" },
      },
    ],
    max_page_size: 100,
    cursor: "eyJhbGciOiJIUzI1NiIs",
  },
  "/market-ticker": [
    {
      instrument_code: "BTC_EUR",
      sequence: "58894260661",
      time: "2024-11-13T09:02:21.876Z",
      state: "ACTIVE",
      is_frozen: 0,
      quote_volume: "1000.0",
      base_volume: "0.12",
      last_price: "80143.91",
      highest_bid: "80143.00",
      lowest_ask: "80144.50",
      price_change: "-147.47",
      price_change_percentage: "-1.78",
      high: "81000.00",
      low: "79000.00",
    },
    {
      instrument_code: "BTC_EUR_P",
      sequence: "58894260662",
      time: "2024-11-13T09:02:21.876Z",
      state: "ACTIVE",
      last_price: "80200.00",
      highest_bid: "80199.00",
      lowest_ask: "80201.00",
    },
  ],
  "/instruments": [
    {
      id: "BTC_EUR_P",
      type: "PERP",
      state: "ACTIVE",
      base: { code: "BTC", precision: 8 },
      quote: { code: "EUR", precision: 2 },
      amount_precision: 4,
      market_precision: 2,
      min_size: "10.0",
      min_price: "1",
      max_price: "1000000",
    },
  ],
  "/currencies": [
    { code: "BTC", precision: "8", unified_cryptoasset_id: 1, name: "Bitcoin", collateral_percentage: 100 },
  ],
  "/order-book/BTC_EUR": {
    instrument_code: "BTC_EUR",
    time: 1731488541876570000,
    bids: [{ price: "80143.00", amount: "0.5" }],
    asks: [{ price: "80144.50", amount: "0.25" }],
  },
  "/candlesticks/BTC_EUR": {
    status: "data",
    candlesticks: [
      {
        instrument_code: "BTC_EUR",
        granularity: { unit: "HOURS", period: 1 },
        high: "9000.0",
        low: "8900.0",
        open: "8950.0",
        close: "8990.0",
        total_amount: "1.5",
        volume: "13400.0",
        time: "2024-11-13T08:59:59.999Z",
      },
    ],
  },
  [`/account/trade/${TRADE}`]: {
    trade: {
      trade_id: TRADE,
      order_id: ORDER,
      account_id: ACC,
      amount: "0.2",
      side: "SELL",
      instrument_code: "BTC_EUR",
      price: "10159.76",
      time: "2024-11-13T09:02:21.900Z",
      sequence: "58894260662",
      matched_as: "MAKER",
    },
    fee: { fee_amount: "2.03195", fee_currency: "EUR" },
  },
};

let server: http.Server;
let root: string;
const seen: string[] = [];
let override: ((path: string, res: http.ServerResponse) => boolean) | null = null;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    seen.push(`${url.pathname}${url.search}`);
    const [, family, , ...rest] = url.pathname.split("/");
    const path = `/${rest.join("/")}`;
    if (override?.(path, res)) return;
    const body = (family === "fast" ? FAST : LEGACY)[path];
    res.setHeader("content-type", "application/json");
    if (body === undefined) {
      res.statusCode = 404;
      res.end(JSON.stringify({ error: "NOT_FOUND" }));
      return;
    }
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
afterEach(() => {
  override = null;
  seen.length = 0;
});

const clients: ReturnType<typeof createExchangeClient>[] = [];
afterAll(async () => Promise.all(clients.map((c) => c.close())));
function client(dialect: "fast" | "public") {
  const c = createExchangeClient({ baseUrl: `${root}/${dialect}/v1` });
  clients.push(c);
  return c;
}
/** The ExchangeError a call fails with (the test fails if it succeeds). */
async function failure(p: Promise<unknown>): Promise<ExchangeError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ExchangeError) return err;
    throw err;
  }
  throw new Error("expected an ExchangeError");
}
async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "resolved";
  } catch (err) {
    return err instanceof ExchangeError ? err.code : `other: ${String(err)}`;
  }
}

describe("dialect selection", () => {
  it("takes the dialect from the base URL's path, EXCHANGE_API winning", () => {
    expect(dialectFromBaseUrl("https://api.onetrading.com/fast/v1")).toBe("onetrading-fast");
    expect(dialectFromBaseUrl("https://api.exchange.bitpanda.com/public/v1/")).toBe("bitpanda-pro");
    expect(dialectFromBaseUrl("http://proxy.internal/exchange")).toBeNull();
    expect(resolveDialect("http://proxy.internal/exchange", "onetrading-fast")).toBe("onetrading-fast");
    expect(resolveDialect("http://proxy.internal/exchange")).toBe("bitpanda-pro");
    expect(client("fast").dialect).toBe("onetrading-fast");
    expect(client("public").dialect).toBe("bitpanda-pro");
  });
});

describe("both dialects, one model", () => {
  it("balances: Fast's shorter entries (no change/sequence) read like Bitpanda Pro's", async () => {
    const [l, f] = await Promise.all([client("public").getBalances("k"), client("fast").getBalances("k")]);
    for (const b of [l.data, f.data]) {
      expect(b.account_id).toBe(ACC);
      expect(b.balances.map((x) => [x.currency_code, x.available, x.locked])).toEqual([
        ["BTC", "1.23456789", "0.4"],
        ["EUR", "6606.62", "250.00"],
      ]);
    }
  });

  it("fees: one group with its tiers (Bitpanda Pro); SPOT and FUTURES with numeric volumes, combined across subaccounts (Fast)", async () => {
    const l = (await client("public").getAccountFees("k")).data;
    expect(l).toEqual({
      account_id: ACC,
      groups: [
        {
          fee_group_id: "default",
          running_volume: "0.0",
          volume_currency: null,
          active_tier: { volume: "0.0", maker_fee: "0.1", taker_fee: "0.1" },
          tiers: [
            { volume: "0.0", maker_fee: "0.1", taker_fee: "0.1" },
            { volume: "100.0", maker_fee: "0.09", taker_fee: "0.1" },
          ],
        },
      ],
      combined_across_subaccounts: false,
      collect_fees_in_best: false,
      fee_discount_rate: "25.0",
    });
    const f = (await client("fast").getAccountFees("k")).data;
    expect(f.combined_across_subaccounts).toBe(true);
    expect(f.groups).toEqual([
      {
        fee_group_id: "SPOT",
        running_volume: "349.68",
        volume_currency: "EUR",
        active_tier: { volume: "0", maker_fee: "0.1000", taker_fee: "0.2000" },
        tiers: [],
      },
      {
        fee_group_id: "FUTURES",
        running_volume: "0",
        volume_currency: "EUR",
        active_tier: { volume: "0", maker_fee: "0.0200", taker_fee: "0.0500" },
        tiers: [],
      },
    ]);
  });

  it("tickers: highest_bid/lowest_ask become best_bid/best_ask, a string sequence is kept", async () => {
    const l = (await client("public").getMarketTickers()).data[0]!;
    const f = (await client("fast").getMarketTickers()).data;
    expect([l.best_bid, l.best_ask]).toEqual(["8143.00", "8144.50"]);
    expect([f[0]!.best_bid, f[0]!.best_ask, f[0]!.sequence]).toEqual(["80143.00", "80144.50", "58894260661"]);
    expect(f[0]).not.toHaveProperty("highest_bid");
    expect(f.map((t) => t.instrument_code)).toEqual(["BTC_EUR", "BTC_EUR_P"]);
  });

  it("instruments and currencies: Fast's id (perpetuals included) and string precisions", async () => {
    expect((await client("public").getInstruments()).data[0]!.code).toBe("ETH_CHF");
    expect((await client("fast").getInstruments()).data[0]!.code).toBe("BTC_EUR_P");
    expect((await client("fast").getCurrencies()).data[0]!.precision).toBe(8);
    expect((await client("public").getCurrencies()).data[0]).toEqual({ code: "BEST", precision: 8 });
  });

  it("order book: level 2 (Bitpanda Pro) vs depth with {price, amount} and nanosecond time (Fast)", async () => {
    const l = await client("public").getOrderBook("BTC_EUR", 3);
    expect(seen.at(-1)).toBe("/public/v1/order-book/BTC_EUR?level=2&depth=3");
    expect(l.data).toEqual({
      instrument_code: "BTC_EUR",
      time: "2020-07-10T06:27:34.951Z",
      bids: [{ price: "8143.00", amount: "0.5", number_of_orders: 2 }],
      asks: [{ price: "8144.50", amount: "0.25", number_of_orders: 1 }],
    });
    const f = await client("fast").getOrderBook("BTC_EUR", 3);
    expect(seen.at(-1)).toBe("/fast/v1/order-book/BTC_EUR?depth=4");
    expect(f.data).toEqual({
      instrument_code: "BTC_EUR",
      time: "2024-11-13T09:02:21.876Z",
      bids: [{ price: "80143.00", amount: "0.5" }],
      asks: [{ price: "80144.50", amount: "0.25" }],
    });
  });

  it("candlesticks: a bare array (Bitpanda Pro) and {status, candlesticks} (Fast) give the same candles", async () => {
    const q = { unit: "HOURS" as const, period: 1, from: "2024-11-13T00:00:00.000Z", to: "2024-11-13T10:00:00.000Z" };
    const [l, f] = await Promise.all([
      client("public").getCandlesticks("BTC_EUR", q),
      client("fast").getCandlesticks("BTC_EUR", q),
    ]);
    expect(l.data).toHaveLength(1);
    expect(f.data).toEqual([
      {
        instrument_code: "BTC_EUR",
        granularity: { unit: "HOURS", period: 1 },
        high: "9000.0",
        low: "8900.0",
        open: "8950.0",
        close: "8990.0",
        total_amount: "1.5",
        volume: "13400.0",
        time: "2024-11-13T08:59:59.999Z",
      },
    ]);
    expect(l.data[0]!.close).toBe(f.data[0]!.close);
  });

  it("orders: Fast's BOOKED, DONE, CANCELLED and reasons-as-status in the Bitpanda Pro vocabulary, the exchange's word kept", async () => {
    const l = (await client("public").listOrders("k", { with_cancelled_and_rejected: true })).data;
    expect(l.order_history.map((o) => o.order.status)).toEqual(["FILLED_FULLY", "OPEN"]);
    const f = (await client("fast").listOrders("k", { with_cancelled_and_rejected: true })).data;
    expect(f.cursor).toBe("1731488541876570");
    expect(f.order_history.map((o) => [o.order.status, o.order.reason, o.order.exchange_status])).toEqual([
      ["FILLED_FULLY", undefined, "DONE"],
      ["OPEN", undefined, "BOOKED"],
      ["REJECTED", "INSUFFICIENT_FUNDS", "INSUFFICIENT_FUNDS"],
      ["FILLED_CLOSED", undefined, "CANCELLED"],
    ]);
    expect(f.order_history[0]!.order.sequence).toBe("58894260661");
    expect(f.order_history[1]!.order.instrument_code).toBe("BTC_EUR_P");
    // Fast's trade entry: matched_as becomes the fee type; the fee keeps amount and currency.
    expect(f.order_history[0]!.trades![0]!.fee).toEqual({
      fee_amount: "2.03195",
      fee_currency: "EUR",
      fee_type: "MAKER",
    });
    expect(l.order_history[0]!.trades![0]!.fee.fee_type).toBe("MAKER");
  });

  it("trades: matched_as → fee type; single trades at account/trades/{id} vs account/trade/{id}", async () => {
    const f = (
      await client("fast").listTrades("k", { from: "2024-11-01T00:00:00.000Z", to: "2024-11-13T10:00:00.000Z" })
    ).data;
    expect(f.trade_history[0]!.fee.fee_type).toBe("TAKER");
    expect(f.trade_history[0]!.trade).not.toHaveProperty("matched_as");
    expect(f.cursor).toBe("eyJhbGciOiJIUzI1NiIs");
    const one = await client("fast").getTrade("k", TRADE);
    expect(seen.at(-1)).toBe(`/fast/v1/account/trade/${TRADE}`);
    expect(one.data.fee.fee_type).toBe("MAKER");
    await client("public").getTrade("k", TRADE);
    expect(seen.at(-1)).toBe(`/public/v1/account/trades/${TRADE}`);
  });

  it("trading volume: read under Bitpanda Pro; under Fast a typed 'feature_unavailable' without any request", async () => {
    expect((await client("public").getTradingVolume("k")).data).toEqual({ volume: "12345.67" });
    seen.length = 0;
    expect(await codeOf(client("fast").getTradingVolume("k"))).toBe("feature_unavailable");
    expect(seen).toEqual([]);
  });
});

describe("errors in either dialect", () => {
  const answer = (status: number, body: string) => (_path: string, res: http.ServerResponse) => {
    res.statusCode = status;
    res.setHeader("content-type", "application/json");
    res.end(body);
    return true;
  };

  it('Fast\'s 403 {"message":"Forbidden"} is an auth failure; Bitpanda Pro\'s codes stay exact', async () => {
    override = answer(403, JSON.stringify({ message: "Forbidden" }));
    const err = await failure(client("fast").getBalances("k"));
    expect(err).toBeInstanceOf(ExchangeError);
    expect([err.code, err.kind]).toEqual(["upstream_forbidden", "auth"]);
    override = answer(401, JSON.stringify({ error: "APIKEY_REVOKED" }));
    expect(await codeOf(client("public").getBalances("k"))).toBe("APIKEY_REVOKED");
  });

  it("human sentences: known ones mean their code; others are quoted, cleaned, never a token", async () => {
    override = answer(404, JSON.stringify({ error: "Order not found." }));
    expect(await codeOf(client("public").getOrder("k", ORDER))).toBe("ORDER_NOT_FOUND");
    override = answer(400, JSON.stringify({ error: "The from parameter must not be in the future." }));
    const err = await failure(client("fast").listTrades("k"));
    expect([err.code, err.kind]).toEqual(["upstream_message", "bad_request"]);
    expect(err.userMessage).toBe(
      "The exchange refused the request: \u201cThe from parameter must not be in the future.\u201d (HTTP 400).",
    );
    override = answer(400, JSON.stringify({ error: "bad key eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhY2M6eCJ9.c2ln" }));
    const hidden = await failure(client("fast").listTrades("k"));
    expect(hidden.code).toBe("upstream_http_error");
    expect(hidden.userMessage).not.toMatch(/eyJ/);
  });

  it("Fast: a single order or trade not found says the lookup reaches only 30 days back", async () => {
    override = answer(404, JSON.stringify({ error: "Order not found." }));
    const err = await failure(client("fast").getOrder("k", ORDER));
    expect([err.code, err.kind]).toEqual(["ORDER_LOOKUP_OUT_OF_RANGE", "not_found"]);
    expect(err.userMessage).toMatch(/only within the last 30 days/);
    override = answer(404, JSON.stringify({ error: "NOT_FOUND" }));
    expect(await codeOf(client("fast").getTrade("k", TRADE))).toBe("TRADE_LOOKUP_OUT_OF_RANGE");
    expect(await codeOf(client("public").getTrade("k", TRADE))).toBe("NOT_FOUND");
  });

  it("a key whose account lives on the other API (INVALID_SUBJECT) is named as a key for the other dialect", async () => {
    override = answer(401, JSON.stringify({ error: "INVALID_SUBJECT" }));
    const f = await failure(client("fast").getBalances("k"));
    expect(f.userMessage).toMatch(/key for the older Bitpanda Pro API/);
    const l = await failure(client("public").getBalances("k"));
    expect(l.userMessage).toMatch(/key for One Trading Fast/);
  });
});
