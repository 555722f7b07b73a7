// The messages route handlers and server actions send back, English (the source of these keys).
// Server code names them by key (new AppError(code, key, { values })); lib/i18n/error-text.ts
// looks the key up in the reader's language. "error.code.*" are each code's general text.
export const errorsEn = {
  "error.code.bad_request": "The request was not valid.",
  "error.code.unauthorized": "Sign in to continue.",
  "error.code.forbidden": "You are not allowed to do this.",
  "error.code.not_found": "This doesn't exist or isn't shared with you.",
  "error.code.conflict": "This conflicts with the current state. Reload the page and try again.",
  "error.code.unprocessable": "This can't be done with these values.",
  "error.code.rate_limited": "Too many requests right now. Try again shortly.",
  "error.code.upstream_error": "The exchange refused the request.",
  "error.code.upstream_unavailable":
    "The exchange or Keydesk's database can't be reached right now. Try again shortly.",
  "error.code.internal": "Something went wrong on our side. Nothing was lost; please try again.",
  // Generic answers
  "error.internal": "Something went wrong on our side. Nothing was lost; please try again.",
  "error.internalAction": "Something went wrong on our side. Nothing was changed; please try again.",
  "error.dbDown": "Keydesk's database isn't answering right now. Nothing was lost; try again in a moment.",
  "error.dbDownAction": "Keydesk's database isn't answering right now. Nothing was changed; try again in a moment.",
  "error.notAForm": "The form was not sent correctly. Reload the page and try again.",
  "error.formInvalid": "The form was incomplete or not valid. Reload the page and try again.",
  "error.formIncomplete": "The form was incomplete. Reload the page and try again.",
  "error.noEndpoint": "There is no such API endpoint.",
  "error.headersTooLarge": "The request's address and headers are too large.",
  "error.signIn": "Sign in to continue.",
  "error.filtersInvalid": "Some of the filters are not valid.",
  "error.startBeforeEnd": "The start must be before the end.",
  "error.exportRangeYears": "An export can cover at most {n} years.",
  "error.cancelled": "The request was cancelled.",
  "error.pageCursor": "That page link is no longer valid. Reload the list.",
  "error.orderId": "That is not a valid order id.",
  // Keys
  "error.keyNotFound": "This key doesn't exist or isn't shared with you.",
  "error.passkeyNotFound": "That passkey doesn't exist.",
  "error.keyOwnerOnly":
    "Only the key's owner can change it. You can read its data because it is shared with your team.",
  "error.keyNoExports": "The key's owner hasn't allowed exports for your team.",
  "error.keyDecrypt":
    "This key could not be decrypted on the server. An administrator must check the master key settings.",
  "error.keyNoRead":
    "This key has no Read permission, so Keydesk can't show its data. Add a Read-only key for this account.",
  "error.notKeyId": "Not a key id.",
  "error.keyDuplicate": "You already added this key as “{label}”.",
  "error.keyWithdrawConfirm": "This key can withdraw funds. Type {word} to confirm you want Keydesk to hold it.",
  "error.keyStepUp": "Keys that can trade or withdraw need your password again before they are added.",
  "error.keyDeleteConfirm": "Type the key's name exactly (“{label}”) to confirm.",
  "error.keyDeletePassword": "Enter your password to delete a key.",
  "error.passwordWrong": "That password is not correct.",
  "error.keyLabelMissing": "Give the key a name you will recognise.",
  "error.keyLabelLong": "Use at most 60 characters.",
  "error.keyMissing": "Paste the API key the exchange showed you.",
  "error.keyTooLong": "That is far longer than an exchange API key.",
  "error.exportIncomplete":
    "The exchange could not be read for part of this range, so the export stopped rather than give you an incomplete file. Try again in a minute.",
  // The upstream gate (read path)
  "error.pacing": "Keydesk is pacing requests to stay under the exchange's limits.",
  "error.pacingIn": "Keydesk is pacing requests to stay under the exchange's limits. Refreshing in {n} s.",
  "error.ipBlockedIn":
    "The exchange has blocked this server's address for too many requests. Keydesk will try again in {n} s.",
  "error.ipNotAllowedAt":
    "This server's IP address ({ip}) is not on the key's IP allow-list, so the exchange refuses it. Create a key whose allow-list includes {ip2}, or one without an IP restriction.",
  "error.ipNotAllowedHere":
    "This server's IP address is not on the key's IP allow-list, so the exchange refuses it. Create a key whose allow-list includes this server's public address.",
  // Accounts and sign-up
  "error.passwordMin": "Use at least {min} characters (this one has {length}).",
  "error.passwordMax": "Use at most {max} characters.",
  "error.passwordVariety": "Use more than three different characters.",
  "error.passwordEmail": "Don't include your e-mail name in the password.",
  "error.passwordsDiffer": "The two passwords don't match.",
  "error.emailTaken": "An account with this e-mail already exists. Sign in instead.",
  "error.oidcOff": "Single sign-on is not set up on this Keydesk.",
  "error.verifySent": "A new confirmation link is on its way to your address.",
  // Sessions, two-factor sign-in, e-mail confirmation (answers of lib/auth actions)
  "error.enterPassword": "Enter your password.",
  "error.verifyNotSent":
    "No link could be sent (the address may already be confirmed, or mail is not set up). Try again later.",
  "error.notSessionId": "Not a session id.",
  "error.sessionSignedOut": "Signed out that session.",
  "error.sessionGone": "That session is already signed out.",
  "error.totpSetupExpired": "The setup expired. Start again to get a new QR code.",
  "error.totpMismatch": "That code doesn't match. Check the time on your phone and enter the current 6-digit code.",
  "error.keyNeeds2fa":
    "Keys that can trade or withdraw can only be added with two-factor sign-in on. Turn it on in Settings, or add a Read-only key.",
  "error.keyNoReadCheck":
    "This key has no Read permission, so Keydesk can't confirm it with the exchange or show its balances and history.",
  "error.pricesUnavailable": "Prices are unavailable.",
  "error.emailInvalid": "Enter a valid e-mail address.",
  "error.feesRange": "The range must be 7d, 30d or 90d.",
  "error.totpAlreadyOn": "Two-factor sign-in is already on.",
  "error.keyStopped":
    "This key was stopped because it may be compromised. Its owner can bring it back only by replacing it with a new key.",
  "error.backfillRead": "The exchange did not answer the backfill's {what} read.",
  "error.liveNoKeys": "Name the keys to follow (keys=…).",
  "error.liveTooManyKeys": "A live stream follows at most {n} keys.",
  "error.liveTooManyStreams": "Too many live pages are open. Close a tab and try again.",
  "error.metricsOff": "Not found.",
} as const;
