// Key lifecycle messages (replace a key in place), English (the source of these keys).
export const lifecycleEn = {
  "replace.title": "Replace this key",
  "replace.intro":
    "Paste the key's successor from the same exchange account, with the same or fewer permissions. Its name, shares, hidden-amount and export settings and history stay; the old key is erased from Keydesk.",
  "replace.keyLabel": "New API key",
  "replace.passwordLabel": "Your password (or a code from your authenticator app)",
  "replace.submit": "Replace key",
  "replace.done": "The key was replaced. Members keep their access.",
  "replace.needsStepUp": "Enter your password to replace a key.",
  "replace.wrongPassword": "That password is not correct.",
  "replace.sameKey": "That is the key Keydesk already holds. Paste the new key you created at the exchange.",
  "replace.otherAccount":
    "That key is for a different exchange account (…{newAccount}) than the key it would replace (…{oldAccount}). A replacement must be for the same account.",
  "replace.widerScopes":
    "That key has permissions the key it would replace doesn't: {scopes}. A replacement may only have the same or fewer permissions.",
  "replace.duplicate": "You already added that key as “{label}”. Delete that entry first, or paste another key.",
  "replace.needsTwoFactor":
    "Keys that can trade or withdraw need two-factor sign-in on. Turn it on in Settings, or use a Read-only key.",
  "replace.afterDeleteHint":
    "Lost the key rather than wanting it gone? Next time, keep the entry and use “Replace this key” on its page with a new key for the same account: its name, shares and history stay.",
  "replace.lostKeyHint":
    "Lost the key, or it stopped working? Create a new key at the exchange and use “Replace this key” on the key's page: its name, shares and history stay.",
  "age.title": "Age and history",
  "age.age": "In use for {days} days (since {since}).",
  "age.rotateDue":
    "This key is {days} days old, more than the {limit} days after which keys should be rotated. Create a new key at the exchange with the same or fewer permissions and replace this one.",
  "age.rotateLink": "Replace this key",
  "age.timeline": "Status changes",
  "age.empty": "No status changes recorded yet.",
  "age.action.key.add": "Added",
  "age.action.key.status_changed": "Status changed",
  "age.action.key.check": "Checked",
  "age.action.key.replace": "Replaced",
  "age.failed": "failed",
  "age.status": "status: {status}",
} as const;
