// The keys list's notices, the add-key page and form, and the delete-key dialog, English.
export const keysEn = {
  "addKey.title": "Add a key",
  "addKey.heading": "Add an exchange API key",
  "addKey.useReadOnly": "Use a Read-only key.",
  "addKey.whyReadOnly":
    "Keydesk only reads balances and history; Read is all it needs. Keys with Trade or Withdraw work, but if one ever leaked, it could be used to trade or move your money.",
  "addKey.shownOnce": "The exchange shows a key once.",
  "addKey.howTo": "How to create one",
  "addKey.troubleshooting": "Troubleshooting",
  "addKey.openExisting": "Open the key you already added",
  "addKey.name": "Name",
  "addKey.nameHint": "For you to recognise it, e.g. “Main account, read-only”.",
  "addKey.key": "API key",
  "addKey.keyHint":
    "Paste the key exactly as the exchange showed it. After you add it, Keydesk never shows it again, not even to you.",
  "addKey.mayDo": "This key may:",
  "addKey.typeToConfirm": "Type {word} to confirm",
  "addKey.password": "Your Keydesk password",
  "addKey.passwordHint": "Keys that can trade or withdraw need your password again.",
  "addKey.submit": "Add key",
  "addKey.pending": "Checking the key with the exchange…",
  "deleteKey.open": "Delete key…",
  "deleteKey.title": "Delete “{label}” from Keydesk?",
  "deleteKey.explain":
    "Keydesk will erase its encrypted copy of the key. This can't be undone, and the key itself keeps working at the exchange until you delete it there too.",
  "deleteKey.typeName": "Type the key's name ({label}) to confirm",
  "deleteKey.password": "Your Keydesk password",
  "deleteKey.cancel": "Cancel",
  "deleteKey.submit": "Delete key",
  "deleteKey.pending": "Deleting…",
  "deleted.title": "“{label}” was deleted from Keydesk.",
  "deleted.noLonger": "Keydesk no longer stores it.",
  "deleted.stillExists": "The key still exists at the exchange",
  "deleted.worksForAnyone": "and works for anyone who has it.",
  "deleted.howTo":
    "To delete it there: sign in to the exchange, open {api} under your user icon, choose {delete} next to the key and confirm with {yes}.",
  "deleted.api": "API",
  "deleted.delete": "Delete",
  "deleted.yes": "Yes, delete it",
  "deleted.more": "More",
  // A second key for an account already held; the emergency stop's confirmation and its trace (num-data).
  "addKey.sameAccount":
    "You already have a key for this exchange account: \u201c{label}\u201d. Both would count once in your totals. Do you mean to replace it?",
  "addKey.sameAccountReplace": "Replace \u201c{label}\u201d with this key",
  "addKey.sameAccountAdd": "No, add it as a second key for the same account",
  "stop.confirm": "Yes, stop this key now. Nobody can use it through Keydesk until I replace it.",
  "stop.needsConfirm": "Tick the box to confirm you want to stop this key.",
  "age.action.key.stop": "Stopped (emergency stop)",
  "cap.stoppedAt": "Stopped",
  "cap.lastSuccessBeforeStop": "Last successful call before the stop",
  "usage.near":
    "{who}: {used} of {max} exchange requests used in the last {seconds} s. Keydesk stays under the exchange's limit, so data may refresh a little less often for a moment.",
  "usage.cooldown":
    "The exchange asked Keydesk to slow down for this account: data refreshes again in about {seconds} s.",
  "usage.blocked": "The exchange is refusing this server's address for now: data refreshes again in about {seconds} s.",
} as const;
