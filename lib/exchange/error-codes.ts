// The exchange's documented error codes and our own transport codes, each mapped to a kind and a
// plain-English message (the German ones are in lib/i18n). Data only: ./errors.ts maps answers to them.

export type ExchangeErrorKind =
  | "auth"
  | "permission"
  | "bad_request"
  | "not_found"
  | "rejected"
  | "rate_limited"
  | "ip_blocked"
  | "unavailable"
  | "bad_response"
  | "unsupported";

export interface CodeInfo {
  kind: ExchangeErrorKind;
  message: string;
}

const AUTH = (message: string): CodeInfo => ({ kind: "auth", message });
const BAD = (message = "The exchange rejected the request as malformed."): CodeInfo => ({
  kind: "bad_request",
  message,
});

export const EXCHANGE_CODES: Record<string, CodeInfo> = {
  MISSING_CREDENTIALS: AUTH("No API key was sent to the exchange."),
  INVALID_CREDENTIALS: AUTH("The exchange did not accept this key's credentials."),
  INVALID_APIKEY: AUTH(
    "The exchange doesn't recognise this key: it isn't a key from this exchange, or it was mistyped. Copy it again from the exchange.",
  ),
  INVALID_SCOPES: AUTH("The exchange says this key's permissions are not valid."),
  INVALID_SUBJECT: AUTH("The exchange says this key's account is not valid."),
  INVALID_ISSUER: AUTH("This key was not issued by this exchange."),
  INVALID_AUDIENCE: AUTH("This key is not meant for this exchange's API."),
  INVALID_DEVICE_ID: AUTH("The exchange refused the request (invalid device id)."),
  INVALID_IP_RESTRICTION: AUTH(
    "This server's IP address is not on the key's IP allow-list, so the exchange refuses it.",
  ),
  APIKEY_REVOKED: AUTH(
    "This key was deleted (revoked) at the exchange. A deleted key can't be restored: create a new one and add it here.",
  ),
  APIKEY_EXPIRED: AUTH("The exchange says this key has expired. Create a new one."),
  SYNCHRONIZER_TOKEN_MISMATCH: AUTH("The exchange refused the request (session token mismatch)."),
  SESSION_EXPIRED: AUTH("The exchange says the session has expired."),
  INTERNAL_ERROR: AUTH("The exchange could not authenticate the request (internal error). Try again later."),
  CLIENT_IP_BLOCKED: {
    kind: "ip_blocked",
    message:
      "The exchange has blocked this server's IP address for sending too many requests. It usually lifts the block after an hour.",
  },
  MISSING_PERMISSION: {
    kind: "permission",
    message: "This key doesn't have the permission this needs (Read for viewing data).",
  },
  NOT_FOUND: { kind: "not_found", message: "The exchange has no such item." },
  ORDER_NOT_FOUND: { kind: "not_found", message: "The exchange has no such order." },
  CURRENCY_NOT_FOUND: { kind: "not_found", message: "The exchange doesn't know that currency." },
  INVALID_ORDER_ID: { kind: "not_found", message: "That is not a valid order id." },
  // Keydesk's own, for Fast's 30-day lookup limit (REFERENCE.md §5.4); see lib/exchange/client.ts.
  ORDER_LOOKUP_OUT_OF_RANGE: {
    kind: "not_found",
    message:
      "The exchange has no such order in the last 30 days. One Trading Fast looks up single orders only within the last 30 days: an older order is still in the order list, with its trades, when you choose its dates.",
  },
  TRADE_LOOKUP_OUT_OF_RANGE: {
    kind: "not_found",
    message:
      "The exchange has no such trade in the last 30 days. One Trading Fast looks up single trades only within the last 30 days: older trades are still in the trade list when you choose their dates.",
  },
  MAX_OPEN_ORDERS_EXCEEDED: { kind: "rejected", message: "The account already has the maximum of 200 open orders." },
  INSUFFICIENT_FUNDS: { kind: "rejected", message: "The account doesn't have enough funds." },
  INSUFFICIENT_LIQUIDITY: { kind: "rejected", message: "There isn't enough liquidity in the market." },
  RATELIMIT: {
    kind: "rate_limited",
    message:
      "The exchange's per-account limit (200 requests a minute) was reached; it pauses the account for a minute.",
  },
  CF_RATELIMIT: {
    kind: "ip_blocked",
    message:
      "The exchange's per-IP limit (240 requests a minute) was reached; it blocks this server's address for up to an hour.",
  },
  INTERNAL_SERVER_ERROR: { kind: "unavailable", message: "The exchange had an internal error. Try again shortly." },
  SERVICE_UNAVAILABLE: { kind: "unavailable", message: "The exchange is temporarily unavailable." },
  NO_TRADING: { kind: "unavailable", message: "Trading is currently suspended at the exchange." },
  GATEWAY_TIMEOUT: { kind: "unavailable", message: "The exchange took too long to answer." },
};

for (const code of [
  "ILLEGAL_CHARS",
  "UNSUPPORTED_MEDIA_TYPE",
  "ACCOUNT_HISTORY_TIME_RANGE_TOO_BIG",
  "CANDLESTICKS_TIME_RANGE_TOO_BIG",
  "INVALID_INSTRUMENT_CODE",
  "INVALID_ORDER_TYPE",
  "INVALID_UNIT",
  "INVALID_PERIOD",
  "INVALID_TIME",
  "INVALID_DATE",
  "INVALID_CURRENCY",
  "INVALID_AMOUNT",
  "INVALID_PRICE",
  "INVALID_LIMIT",
  "INVALID_QUERY",
  "INVALID_CURSOR",
  "INVALID_ACCOUNT_ID",
  "INVALID_ACCOUNT_HISTORY_FROM_TIME",
  "INVALID_ACCOUNT_HISTORY_MAX_PAGE_SIZE",
  "INVALID_ACCOUNT_HISTORY_TIME_PERIOD",
  "INVALID_ACCOUNT_HISTORY_TO_TIME",
  "INVALID_CANDLESTICKS_GRANULARITY",
  "INVALID_CANDLESTICKS_UNIT",
  "INVALID_ORDER_BOOK_DEPTH",
  "INVALID_ORDER_BOOK_LEVEL",
  "INVALID_PAGE_CURSOR",
  "INVALID_TIME_RANGE",
  "INVALID_TRADE_ID",
  "INVALID_UI_ACCOUNT_SETTINGS",
  "MISSING_CANDLESTICKS_PERIOD_PARAM",
  "MISSING_CANDLESTICKS_UNIT_PARAM",
  "MISSING_FROM_PARAM",
  "MISSING_TO_PARAM",
  "MISSING_INSTRUMENT_CODE",
  "MISSING_TRADE_ID",
  "INVALID_CLIENT_UUID",
  "INVALID_SIDE",
  "MISSING_ORDER_ID",
])
  EXCHANGE_CODES[code] = BAD(
    code === "ACCOUNT_HISTORY_TIME_RANGE_TOO_BIG"
      ? "The date range is longer than the exchange allows in one request (100 days on Bitpanda Pro, 30 on One Trading Fast)."
      : code === "INVALID_ACCOUNT_HISTORY_FROM_TIME"
        ? "The exchange refused the start of the date range (on One Trading Fast it may not be in the future)."
        : undefined,
  );
for (const code of [
  "MIN_SIZE_NOT_SATISFIED",
  "BAD_AMOUNT_PRECISION",
  "BAD_PRICE_PRECISION",
  "BAD_TRIGGER_PRICE_PRECISION",
  "NEGATIVE_AMOUNT",
  "NEGATIVE_PRICE",
  "MISSING_PRICE",
  "MISSING_ORDER_TYPE",
  "MISSING_SIDE",
  "ONLY_ONE_ERC20_ADDRESS_ALLOWED",
  "DEPOSIT_ADDRESS_NOT_USED",
]) {
  EXCHANGE_CODES[code] = { kind: "rejected", message: "The exchange rejected the order's values." };
}

export const TRANSPORT: Record<string, CodeInfo> = {
  upstream_unreachable: { kind: "unavailable", message: "The exchange can't be reached right now." },
  upstream_timeout: { kind: "unavailable", message: "The exchange didn't answer in time." },
  upstream_bad_response: { kind: "bad_response", message: "The exchange sent an answer Keydesk couldn't understand." },
  upstream_http_error: { kind: "unavailable", message: "The exchange answered with an error." },
  upstream_forbidden: {
    kind: "auth",
    message: "The exchange refused the key (403 Forbidden). It may be invalid or revoked.",
  },
  upstream_unauthorized: {
    kind: "auth",
    message: "The exchange refused the key (401 Unauthorized). It may be invalid or revoked.",
  },
  feature_unavailable: {
    kind: "unsupported",
    message: "One Trading Fast has no such endpoint (Keydesk did not ask the exchange).",
  },
  upstream_message: { kind: "bad_request", message: "The exchange refused the request." },
};
