// English and German for the dashboard: a locale from a cookie (or the browser's
// Accept-Language), a flat dictionary and a tiny interpolating `t`. Safe on the client.
import { MESSAGES, type MessageKey } from "./messages";
import { fillMessage, type MessageRef, type MessageValues } from "./fill";

export type { MessageRef, MessageValues } from "./fill";

/** The languages the dashboard speaks. */
export type Locale = "en" | "de";
export const LOCALE_COOKIE = "keydesk-locale";

export function parseLocale(value: string | undefined | null): Locale | null {
  return value === "en" || value === "de" ? value : null;
}

/** Picks the first supported language from an Accept-Language header, English otherwise. */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  const prefs = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { lang: tag.toLowerCase().split("-")[0]!, q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((p) => p.lang && p.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const p of prefs) {
    const l = parseLocale(p.lang);
    if (l) return l;
  }
  return "en";
}

export type Translate = (key: MessageKey, vars?: MessageValues) => string;

export function translator(locale: Locale): Translate {
  const dict = MESSAGES[locale];
  // A key that is not in the catalogue (only possible past the compiler) shows as itself.
  const t: Translate = (key, vars) => fillMessage(dict[key] ?? MESSAGES.en[key] ?? key, vars, renderRef);
  const renderRef = (ref: MessageRef) => t(ref.key, ref.values);
  return t;
}

/** True when `text` is a catalogue key (a zod issue or a field error names its text this way). */
export function isMessageKey(text: string): text is MessageKey {
  return Object.prototype.hasOwnProperty.call(MESSAGES.en, text);
}
