// The catalogue key for each exchange failure (lib/exchange/errors.ts words them in English for
// logs; people read them by these keys, in their language). tests/unit/i18n/exchange-messages.test.ts
// checks every code has a key whose English is the exchange module's own text.
import { EXCHANGE_CODES, type ExchangeError } from "@/lib/exchange/errors";
import type { MessageRef } from "./fill";
import type { MessageKey } from "./messages";

const KEYS: Record<string, MessageKey> = {
  MISSING_CREDENTIALS: "exchange.missingCredentials",
  INVALID_CREDENTIALS: "exchange.invalidCredentials",
  INVALID_APIKEY: "exchange.invalidApikey",
  INVALID_SCOPES: "exchange.invalidScopes",
  INVALID_SUBJECT: "exchange.invalidSubject",
  INVALID_ISSUER: "exchange.invalidIssuer",
  INVALID_AUDIENCE: "exchange.invalidAudience",
  INVALID_DEVICE_ID: "exchange.invalidDevice",
  INVALID_IP_RESTRICTION: "exchange.ipRestriction",
  APIKEY_REVOKED: "exchange.revoked",
  APIKEY_EXPIRED: "exchange.expired",
  SYNCHRONIZER_TOKEN_MISMATCH: "exchange.tokenMismatch",
  SESSION_EXPIRED: "exchange.sessionExpired",
  INTERNAL_ERROR: "exchange.authInternal",
  CLIENT_IP_BLOCKED: "exchange.ipBlocked",
  MISSING_PERMISSION: "exchange.missingPermission",
  NOT_FOUND: "exchange.notFound",
  ORDER_NOT_FOUND: "exchange.orderNotFound",
  CURRENCY_NOT_FOUND: "exchange.currencyNotFound",
  INVALID_ORDER_ID: "exchange.orderId",
  ORDER_LOOKUP_OUT_OF_RANGE: "exchange.orderOutOfRange",
  TRADE_LOOKUP_OUT_OF_RANGE: "exchange.tradeOutOfRange",
  MAX_OPEN_ORDERS_EXCEEDED: "exchange.maxOpenOrders",
  INSUFFICIENT_FUNDS: "exchange.insufficientFunds",
  INSUFFICIENT_LIQUIDITY: "exchange.insufficientLiquidity",
  RATELIMIT: "exchange.rateLimit",
  CF_RATELIMIT: "exchange.cfRateLimit",
  INTERNAL_SERVER_ERROR: "exchange.internalServer",
  SERVICE_UNAVAILABLE: "exchange.unavailable",
  NO_TRADING: "exchange.noTrading",
  GATEWAY_TIMEOUT: "exchange.gatewayTimeout",
  ACCOUNT_HISTORY_TIME_RANGE_TOO_BIG: "exchange.rangeTooBig",
  INVALID_ACCOUNT_HISTORY_FROM_TIME: "exchange.fromTime",
  // Our own codes for transport failures
  upstream_unreachable: "exchange.unreachable",
  upstream_timeout: "exchange.timeout",
  upstream_bad_response: "exchange.badResponse",
  upstream_http_error: "exchange.httpError",
  upstream_forbidden: "exchange.forbidden",
  upstream_unauthorized: "exchange.unauthorized",
  feature_unavailable: "exchange.fastNoEndpoint",
  upstream_message: "exchange.refused",
};

/** The documented codes not named above share one text per kind: a malformed request, or an order's values. */
function sharedKey(code: string): MessageKey | null {
  const kind = EXCHANGE_CODES[code]?.kind;
  return kind === "bad_request" ? "exchange.malformed" : kind === "rejected" ? "exchange.orderValues" : null;
}

/** What an exchange failure says to a person, by key (as ExchangeError's userMessage says it in English). */
export function exchangeMessage(err: Pick<ExchangeError, "code" | "status" | "dialect" | "said">): MessageRef {
  if (err.code === "INVALID_SUBJECT" && err.dialect === "onetrading-fast") return { key: "exchange.otherDialectFast" };
  if (err.code === "INVALID_SUBJECT" && err.dialect === "bitpanda-pro")
    return { key: "exchange.otherDialectPro", values: { url: "https://api.onetrading.com/fast/v1" } };
  if (err.code === "upstream_message" && err.said)
    return { key: "exchange.refusedSaying", values: { said: err.said, status: err.status ?? "?" } };
  const key = KEYS[err.code] ?? sharedKey(err.code);
  return key ? { key } : { key: "exchange.unknownCode", values: { code: err.code } };
}
