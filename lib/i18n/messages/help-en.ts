// Troubleshooting exchange keys (the help page), English. **text** marks bold.
export const helpEn = {
  "help.title": "Troubleshooting exchange keys",
  "help.intro": "Answers to the problems people meet with exchange API keys, and what to do about each.",
  "help.onThisPage": "On this page",
  "help.lostKey.title": "I lost my key",
  "help.lostKey.1":
    "The exchange shows an API key exactly once, when you create it, and never again: not to you, not to support, not to Keydesk. Keydesk can't show it either; it only ever uses it on the server.",
  "help.lostKey.2":
    "If you no longer have a key, delete it at the exchange and create a new one for the same account (steps below), then open the old key's page in Keydesk and use **Replace this key**: paste the new key there. Its name, shares, settings and history stay, and members keep their access without a new invitation. Don't delete the old entry first: a deleted entry can't be replaced.",
  "help.createKey.title": "Creating a key at the exchange",
  "help.createKey.1": "Sign in to the exchange, open the menu under your user icon and choose **API**.",
  "help.createKey.2": "Choose **New API key** and give it a name.",
  "help.createKey.3": "Tick only the permissions you need. For Keydesk, **Read** is enough.",
  "help.createKey.4": "Optionally restrict the key to up to five IPv4 or IPv6 addresses (see below).",
  "help.createKey.5": "Confirm with your two-factor code if you use one.",
  "help.createKey.6":
    "Open the confirmation e-mail and click its link. **The link expires after 30 minutes**; always use the newest e-mail.",
  "help.createKey.7": "The key appears in a pop-up. Copy it now: this is the only time it is shown.",
  "help.confirmationEmail.title": "The confirmation e-mail didn't arrive or the link expired",
  "help.confirmationEmail.1":
    "Check your spam folder, and make sure you use the link from the most recent e-mail: each new attempt invalidates older links, and every link expires after 30 minutes. If it expired, start the key creation again.",
  "help.permissions.title": "What Read, Trade and Withdraw allow",
  "help.permissions.1":
    "**Read**: look at everything: balances, market prices, order and transaction history. It cannot change anything.",
  "help.permissions.2": "**Trade**: place and cancel orders. Anyone holding the key can buy and sell with your funds.",
  "help.permissions.3":
    "**Withdraw**: move funds in and out of your account, including to outside wallets. Anyone holding such a key can send your money away.",
  "help.ipRestriction.title": "The key is restricted to other IP addresses",
  "help.ipRestriction.1":
    "A key can be limited to up to five IP addresses. The exchange then refuses every request from any other address, including this Keydesk server's.",
  "help.ipRestriction.2":
    "The key's page shows its allow-list and, when known, this server's address. The allow-list is part of the key itself and cannot be edited: create a new key that lists this server's address, add it here, and delete the old one.",
  "help.revoked.title": "The key was deleted (revoked) at the exchange",
  "help.revoked.1":
    "A deleted key cannot be brought back. Create a new key, add it to Keydesk, and delete the old entry here.",
  "help.rateLimit.title": "“Too many requests” (HTTP 429)",
  "help.rateLimit.1":
    "The exchange allows about 240 requests a minute from one IP address; crossing that blocks the address for an hour. It also allows 200 requests a minute per account, counted across all of its keys.",
  "help.rateLimit.2":
    "Keydesk keeps its own use well below those limits and shares cached answers between everyone looking at the same account. When its budget is spent it shows the last data it has, says how old it is, and refreshes when the budget allows. If the exchange itself reports a limit (for example because another tool uses the same account), Keydesk pauses that account for a minute.",
  "help.deleteKey.title": "Deleting a key at the exchange",
  "help.deleteKey.1": "Sign in to the exchange and choose **API** under your user icon.",
  "help.deleteKey.2": "Choose **Delete** next to the key.",
  "help.deleteKey.3": "Confirm with **Yes, delete it**. Deleted keys cannot be recovered.",
  "help.unreachable.title": "The exchange can't be reached",
  "help.unreachable.1":
    "Keydesk shows the last data it fetched, labelled as stale, and tries again later. Nothing is lost: your keys stay stored and encrypted.",
} as const;
