// Turns an English message from server code (an AppError, an action's state, a zod issue) into
// the reader's language: the message is matched against every English text in the catalogs,
// with {name} standing for any text, and the German text is filled with what matched (itself
// localized, for a message that quotes another). An unknown message falls back to its error
// code's general text, so a German reader never gets an English sentence. Safe on the client.
import type { Locale } from "./index";
import { MESSAGE_FILES, MESSAGES, type MessageKey } from "./messages";

/** The areas whose texts server code sends back (page texts are never matched). */
const SERVER_AREAS = ["errors", "exchange", "auth"] as const;

interface Pattern {
  key: MessageKey;
  re: RegExp;
  names: string[];
  literal: number;
}

let patterns: Pattern[] | null = null;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function compile(): Pattern[] {
  const out: Pattern[] = [];
  const texts = SERVER_AREAS.flatMap((area) => Object.entries(MESSAGE_FILES[area].en)) as [MessageKey, string][];
  for (const [key, text] of texts) {
    if (key.startsWith("error.code.")) continue;
    const names: string[] = [];
    const parts = text.split(/\{(\w+)\}/);
    let src = "";
    parts.forEach((part, i) => {
      if (i % 2 === 0) src += escape(part);
      else {
        names.push(part);
        src += "(.+?)";
      }
    });
    out.push({ key, re: new RegExp(`^${src}$`, "s"), names, literal: text.replace(/\{\w+\}/g, "").length });
  }
  // The most specific text wins: fewer placeholders, then more literal text.
  return out.sort((a, b) => a.names.length - b.names.length || b.literal - a.literal);
}

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

function match(message: string, locale: Locale, depth: number): string | null {
  patterns ??= compile();
  for (const p of patterns) {
    const m = p.re.exec(message);
    if (!m) continue;
    const vars: Record<string, string> = {};
    p.names.forEach((name, i) => {
      const value = m[i + 1] ?? "";
      // A quoted sentence (another message) is translated too; names and numbers stay.
      vars[name] = depth < 2 && /[.!?]$/.test(value) ? (match(value, locale, depth + 1) ?? value) : value;
    });
    return fill(MESSAGES[locale][p.key], vars);
  }
  return null;
}

/** True when `message` is already one of `locale`'s texts (e.g. translated where it was made). */
function isNative(message: string, locale: Locale): boolean {
  return Object.values(MESSAGES[locale]).some((text) => {
    if (!text.includes("{")) return text === message;
    const src = text
      .split(/\{\w+\}/)
      .map(escape)
      .join(".+?");
    return new RegExp(`^${src}$`, "s").test(message);
  });
}

/**
 * `message` in `locale`. English stays as it is; for another language a catalogued message is
 * translated, one already in that language is kept, and anything else becomes the general text
 * for `code` (or stays, when there is no code).
 */
export function localizeMessage(message: string, locale: Locale, code?: string): string {
  if (locale === "en" || !message) return message;
  const translated = match(message, locale, 0);
  if (translated !== null) return translated;
  if (isNative(message, locale)) return message;
  return code ? MESSAGES[locale][`error.code.${code}` as MessageKey] : message;
}

/** A form's field errors in `locale` (each message as localizeMessage; unknown ones stay). */
export function localizeFields(
  fields: Record<string, string[] | undefined> | undefined,
  locale: Locale,
): Record<string, string[]> | undefined {
  if (!fields || locale === "en") return fields as Record<string, string[]> | undefined;
  const out: Record<string, string[]> = {};
  for (const [name, list] of Object.entries(fields)) if (list) out[name] = list.map((m) => localizeMessage(m, locale));
  return out;
}
