// What an error or an action's answer says in the reader's language, looked up by its key: the
// one place server answers are put into words. An error without a key (only the browser makes
// those, from an answer it rebuilt) says its code's general text. Safe on the client.
import { isMessageKey, translator, type Locale, type MessageValues } from "./index";
import type { MessageKey } from "./messages";

interface Said {
  code: string;
  messageKey?: MessageKey;
  values?: MessageValues;
}

/** An error's text in `locale`: its key filled with its values, else its code's general text. */
export function errorText(err: Said, locale: Locale): string {
  const t = translator(locale);
  if (err.messageKey) return t(err.messageKey, err.values);
  return t(`error.code.${err.code}` as MessageKey);
}

/** One message of an action's answer or a field error: a key is looked up, other text is already in words. */
export function messageText(message: string, locale: Locale): string {
  return isMessageKey(message) ? translator(locale)(message) : message;
}

/** A form's field errors in `locale` (each a key, or text already in the reader's language). */
export function fieldsText(
  fields: Record<string, string[] | undefined> | undefined,
  locale: Locale,
): Record<string, string[]> | undefined {
  if (!fields) return undefined;
  const out: Record<string, string[]> = {};
  for (const [name, list] of Object.entries(fields)) if (list) out[name] = list.map((m) => messageText(m, locale));
  return out;
}
