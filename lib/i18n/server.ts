import "server-only";
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, negotiateLocale, parseLocale, type Locale } from "./index";

/** The viewer's locale: their explicit choice (cookie), else their browser's languages. */
export async function getLocale(): Promise<Locale> {
  return (
    parseLocale((await cookies()).get(LOCALE_COOKIE)?.value) ??
    negotiateLocale((await headers()).get("accept-language"))
  );
}
