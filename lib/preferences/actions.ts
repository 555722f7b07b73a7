"use server";
// The reader's display choices, each kept in a cookie so the server renders them on first paint.
// Not sensitive, so no sign-in is needed; every value is allow-listed.
import { guardVoidAction } from "@/lib/http/action-guard";
import { cookies } from "next/headers";
import { parseTheme, THEME_COOKIE } from "@/lib/preferences/theme";
import { LOCALE_COOKIE, parseLocale } from "@/lib/i18n";

const YEAR_SECONDS = 60 * 60 * 24 * 365;

async function setPreferenceCookie(name: string, value: string): Promise<void> {
  (await cookies()).set(name, value, { path: "/", sameSite: "lax", httpOnly: true, maxAge: YEAR_SECONDS });
}

/** Stores the theme preference. */
async function setThemeActionImpl(formData: FormData): Promise<void> {
  await setPreferenceCookie(THEME_COOKIE, parseTheme(String(formData.get("theme") ?? "")));
}

/** Stores the language choice. */
async function setLocaleActionImpl(formData: FormData): Promise<void> {
  await setPreferenceCookie(LOCALE_COOKIE, parseLocale(String(formData.get("locale") ?? "")) ?? "en");
}

export const setThemeAction = guardVoidAction("setThemeAction", setThemeActionImpl);
export const setLocaleAction = guardVoidAction("setLocaleAction", setLocaleActionImpl);
