// The exchange's refusals as Keydesk words them (lib/exchange/errors.ts), English. Each code's
// key is in lib/i18n/exchange-messages.ts; tests/unit/i18n/exchange-messages.test.ts checks
// every code has one whose English is the exchange module's own text.
export const exchangeEn = {
  "exchange.missingCredentials": "No API key was sent to the exchange.",
  "exchange.invalidCredentials": "The exchange did not accept this key's credentials.",
  "exchange.invalidApikey":
    "The exchange doesn't recognise this key: it isn't a key from this exchange, or it was mistyped. Copy it again from the exchange.",
  "exchange.invalidScopes": "The exchange says this key's permissions are not valid.",
  "exchange.invalidSubject": "The exchange says this key's account is not valid.",
  "exchange.invalidIssuer": "This key was not issued by this exchange.",
  "exchange.invalidAudience": "This key is not meant for this exchange's API.",
  "exchange.invalidDevice": "The exchange refused the request (invalid device id).",
  "exchange.ipRestriction": "This server's IP address is not on the key's IP allow-list, so the exchange refuses it.",
  "exchange.revoked":
    "This key was deleted (revoked) at the exchange. A deleted key can't be restored: create a new one and add it here.",
  "exchange.expired": "The exchange says this key has expired. Create a new one.",
  "exchange.tokenMismatch": "The exchange refused the request (session token mismatch).",
  "exchange.sessionExpired": "The exchange says the session has expired.",
  "exchange.authInternal": "The exchange could not authenticate the request (internal error). Try again later.",
  "exchange.ipBlocked":
    "The exchange has blocked this server's IP address for sending too many requests. It usually lifts the block after an hour.",
  "exchange.missingPermission": "This key doesn't have the permission this needs (Read for viewing data).",
  "exchange.notFound": "The exchange has no such item.",
  "exchange.orderNotFound": "The exchange has no such order.",
  "exchange.currencyNotFound": "The exchange doesn't know that currency.",
  "exchange.orderId": "That is not a valid order id.",
  "exchange.orderOutOfRange":
    "The exchange has no such order in the last 30 days. One Trading Fast looks up single orders only within the last 30 days: an older order is still in the order list, with its trades, when you choose its dates.",
  "exchange.tradeOutOfRange":
    "The exchange has no such trade in the last 30 days. One Trading Fast looks up single trades only within the last 30 days: older trades are still in the trade list when you choose their dates.",
  "exchange.maxOpenOrders": "The account already has the maximum of 200 open orders.",
  "exchange.insufficientFunds": "The account doesn't have enough funds.",
  "exchange.insufficientLiquidity": "There isn't enough liquidity in the market.",
  "exchange.rateLimit":
    "The exchange's per-account limit (200 requests a minute) was reached; it pauses the account for a minute.",
  "exchange.cfRateLimit":
    "The exchange's per-IP limit (240 requests a minute) was reached; it blocks this server's address for up to an hour.",
  "exchange.internalServer": "The exchange had an internal error. Try again shortly.",
  "exchange.unavailable": "The exchange is temporarily unavailable.",
  "exchange.noTrading": "Trading is currently suspended at the exchange.",
  "exchange.gatewayTimeout": "The exchange took too long to answer.",
  "exchange.malformed": "The exchange rejected the request as malformed.",
  "exchange.rangeTooBig":
    "The date range is longer than the exchange allows in one request (100 days on Bitpanda Pro, 30 on One Trading Fast).",
  "exchange.fromTime":
    "The exchange refused the start of the date range (on One Trading Fast it may not be in the future).",
  "exchange.orderValues": "The exchange rejected the order's values.",
  "exchange.unreachable": "The exchange can't be reached right now.",
  "exchange.timeout": "The exchange didn't answer in time.",
  "exchange.badResponse": "The exchange sent an answer Keydesk couldn't understand.",
  "exchange.httpError": "The exchange answered with an error.",
  "exchange.forbidden": "The exchange refused the key (403 Forbidden). It may be invalid or revoked.",
  "exchange.unauthorized": "The exchange refused the key (401 Unauthorized). It may be invalid or revoked.",
  "exchange.fastNoEndpoint": "One Trading Fast has no such endpoint (Keydesk did not ask the exchange).",
  "exchange.refused": "The exchange refused the request.",
  "exchange.refusedSaying": "The exchange refused the request: \u201c{said}\u201d (HTTP {status}).",
  "exchange.unknownCode": "The exchange answered with an error ({code}).",
  "exchange.otherDialectFast":
    "One Trading Fast doesn't know this key's account (INVALID_SUBJECT): it looks like a key for the older Bitpanda Pro API (/public/v1). Create a key at One Trading for your Fast account, or ask whoever runs Keydesk to connect it to Bitpanda Pro.",
  "exchange.otherDialectPro":
    "The Bitpanda Pro API (/public/v1) doesn't know this key's account (INVALID_SUBJECT): it looks like a key for One Trading Fast. Use a Bitpanda Pro key here, or ask whoever runs Keydesk to connect it to One Trading Fast (EXCHANGE_BASE_URL={url}).",
} as const;
