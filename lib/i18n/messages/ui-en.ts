// The add-key form's prompts, the key tabs' scroll hint and the e-mail alerts' reason, English.
export const uiEn = {
  "addKey.twoFactorTitle": "Two-factor sign-in needed first",
  "addKey.twoFactorMissing":
    "Keys that can trade or withdraw can only be added once two-factor sign-in is on for your account. Turn it on in Settings, then come back: your pasted key stays in this form.",
  "addKey.twoFactorLink": "Turn on two-factor sign-in",
  "addKey.promptWithdraw":
    "This key can withdraw funds. Read the warning below, type the word to confirm that Keydesk should hold it, then add it again.",
  "addKey.promptTrade":
    "This key can trade with the account's funds. Read the warning below and tick the box to confirm that Keydesk should hold it.",
  "addKey.promptPassword": "Keys that can trade or withdraw need your Keydesk password again before they are stored.",
  "addKey.confirmTrade":
    "I understand that anyone holding this key can trade with this account's funds, and I want Keydesk to hold it.",
  "addKey.needsTradeConfirmation": "Tick the box to confirm you want Keydesk to hold a key that can trade.",
  "tabs.more": "More tabs: scroll sideways",
  "tabs.scrollNext": "Show more tabs",
  "tabs.scrollPrev": "Show earlier tabs",
} as const;
