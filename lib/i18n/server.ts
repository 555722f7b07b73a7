import "server-only";
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, negotiateLocale, parseLocale, translator, type Locale, type Translate } from "./index";

/** The viewer's locale: their explicit choice (cookie), else their browser's languages. */
export async function getLocale(): Promise<Locale> {
  return (
    parseLocale((await cookies()).get(LOCALE_COOKIE)?.value) ??
    negotiateLocale((await headers()).get("accept-language"))
  );
}

/** The viewer's translator for messages made in server actions (English outside a request). */
export async function authTranslator(): Promise<Translate> {
  try {
    return translator(await getLocale());
  } catch {
    return translator("en");
  }
}
