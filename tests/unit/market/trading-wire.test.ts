// The TRADING channel's pure parts: what each message means (authentication refused, the
// subscription acknowledged, an order event with the balances after it, nanosecond times kept
// exact), balances from the short form, merging them into a key's balances, and which statuses
// leave an order open.
import {
  balancesOf,
  isOpenStatus,
  mergeBalances,
  parseTradingMessage,
  TRADING_SUBSCRIBE,
} from "@/lib/market/trading-wire";

const FILL =
  '{"channel_name":"TRADING","event":"ORDER","type":"FILL","status":"FILLED_FULLY","order_id":"o-1","account_id":"a",' +
  '"instrument_code":"BTC_EUR","side":"BUY","order_type":"LIMIT","amount":"0.01000","remaining":"0.00000",' +
  '"price":"50500.00","time":1732051723847246301,"trade_id":"t-1","matched_as":"TAKER","matched_amount":"0.01000",' +
  '"matched_price_avg":"50000.00","cum_quote_amount":"500.00","fee":"0.00001500","fee_currency":"BTC",' +
  '"bals":[{"c":"BTC","a":"0.00998500"},{"c":"EUR","a":"9500.00"}],"lckd_bals":[{"c":"BTC","a":"0"},{"c":"EUR","a":"0.00"}]}';

it("subscribes to TRADING with no instrument list", () => {
  expect(JSON.parse(TRADING_SUBSCRIBE)).toEqual({ type: "SUBSCRIBE", channels: [{ name: "TRADING" }] });
});

it("tells authentication, its refusal (both spellings), the acknowledgement and heartbeats apart", () => {
  expect(parseTradingMessage('{"type":"AUTHENTICATED"}')).toEqual({ kind: "authenticated" });
  expect(parseTradingMessage('{"error":"AUTHENTICATION_FAILED"}')).toEqual({
    kind: "auth_failed",
    error: "AUTHENTICATION_FAILED",
  });
  expect(parseTradingMessage('{"error":"AUTH_ERROR"}').kind).toBe("auth_failed");
  expect(parseTradingMessage('{"error":"no orders to cancel"}')).toEqual({
    kind: "error",
    error: "no orders to cancel",
  });
  expect(parseTradingMessage('{"type":"SUBSCRIPTIONS","channels":[{"name":"TRADING"}],"time":1}')).toEqual({
    kind: "subscribed",
    trading: true,
  });
  expect(parseTradingMessage('{"type":"SUBSCRIPTIONS","channels":[{"name":"BOOK_TICKER"}]}')).toEqual({
    kind: "subscribed",
    trading: false,
  });
  expect(parseTradingMessage('{"type":"HEARTBEAT","time":1738602951685555981}')).toEqual({ kind: "heartbeat" });
  expect(parseTradingMessage("not json")).toEqual({ kind: "other" });
});

it("a fill: the order's state, what matched, and every balance after it, exactly", () => {
  const m = parseTradingMessage(FILL);
  expect(m).toEqual({
    kind: "update",
    update: {
      order: {
        orderId: "o-1",
        instrument: "BTC_EUR",
        side: "BUY",
        orderType: "LIMIT",
        status: "FILLED_FULLY",
        amount: "0.01000",
        remaining: "0.00000",
        price: "50500.00",
        time: "1732051723847246301",
        timeMs: 1732051723847,
        fill: { tradeId: "t-1", amount: "0.01000", price: "50000.00", fee: "0.00001500", feeCurrency: "BTC" },
      },
      balances: [
        { currency_code: "BTC", available: "0.00998500", locked: "0" },
        { currency_code: "EUR", available: "9500.00", locked: "0.00" },
      ],
    },
  });
});

it("an event without `status` falls back to its deprecated `type`; one without an order id is ignored", () => {
  const m = parseTradingMessage(
    '{"channel_name":"TRADING","event":"ORDER","type":"BOOKED","order_id":"o-2","instrument_code":"ETH_EUR","time":1732051723847246301}',
  );
  expect(m.kind === "update" && m.update.order.status).toBe("BOOKED");
  expect(m.kind === "update" && m.update.order.fill).toBeNull();
  expect(parseTradingMessage('{"channel_name":"TRADING","event":"ORDER","status":"OPEN"}')).toEqual({ kind: "other" });
});

it("balances: a currency only locked or only available gets 0 on the other side; junk is skipped", () => {
  expect(balancesOf([{ c: "EUR", a: "1.5" }, { c: "X" }, "junk"], [{ c: "BTC", a: "0.1" }])).toEqual([
    { currency_code: "BTC", available: "0", locked: "0.1" },
    { currency_code: "EUR", available: "1.5", locked: "0" },
  ]);
  expect(balancesOf(undefined, null)).toEqual([]);
});

it("merging: the currencies an event names are replaced, the others kept", () => {
  const before = [
    { currency_code: "EUR", available: "100", locked: "0" },
    { currency_code: "XRP", available: "5", locked: "0" },
  ];
  expect(
    mergeBalances(before, [
      { currency_code: "EUR", available: "50", locked: "10" },
      { currency_code: "BTC", available: "0.1", locked: "0" },
    ]),
  ).toEqual([
    { currency_code: "BTC", available: "0.1", locked: "0" },
    { currency_code: "EUR", available: "50", locked: "10" },
    { currency_code: "XRP", available: "5", locked: "0" },
  ]);
});

it("open statuses: booked, open and partly filled stay; filled, cancelled and refused close", () => {
  for (const s of ["OPEN", "BOOKED", "FILL", "MOVED"]) expect(isOpenStatus(s)).toBe(true);
  for (const s of ["FILLED_FULLY", "CANCELLED", "DONE", "INSUFFICIENT_FUNDS", "INSUFFICIENT_LIQUIDITY", "SELF_TRADE"])
    expect(isOpenStatus(s)).toBe(false);
});
