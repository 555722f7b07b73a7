// The part of the catalogue the browser needs: the namespaces client components name. The
// layouts hand this to LocaleProvider instead of the whole catalogue, which every page's HTML
// carried in its React payload (about 52 kB, most of it server-only: error answers, activity,
// help). tests/unit/i18n/client-catalogue.test.ts keeps the list exact: it walks every client
// module and fails on a namespace named there but missing here, or listed here but unused.
import { MESSAGES, type MessageKey } from "./messages";
import type { Locale } from "./index";

export const CLIENT_NAMESPACES = [
  "addKey",
  "alerts",
  "backfill",
  "balances",
  "cancel",
  "common",
  "deleteKey",
  "export",
  "fees",
  "filters",
  "fresh",
  "history",
  "nav",
  "orders",
  "overview",
  "pages",
  "passkey",
  "portfolio",
  "scope",
  "settings",
  "signIn",
  "signUp",
  "stale",
  "states",
  "stop",
  "tabs",
  "team",
  "teamForm",
  "teams",
  "totp",
  "trades",
  "usage",
  "verify",
  "word",
] as const;

const picked = new Map<Locale, Partial<Record<MessageKey, string>>>();

/** The client namespaces' messages in one language (computed once per language). */
export function clientMessages(locale: Locale): Partial<Record<MessageKey, string>> {
  let dict = picked.get(locale);
  if (!dict) {
    const wanted = new Set<string>(CLIENT_NAMESPACES);
    dict = Object.fromEntries(
      Object.entries(MESSAGES[locale]).filter(([key]) => wanted.has(key.split(".")[0]!)),
    ) as Partial<Record<MessageKey, string>>;
    picked.set(locale, dict);
  }
  return dict;
}
