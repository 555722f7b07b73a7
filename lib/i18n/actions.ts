"use server";
import { guardVoidAction } from "@/lib/http/action-guard";
import { cookies } from "next/headers";
import { LOCALE_COOKIE, parseLocale } from "./index";

/** Stores the language choice. Not sensitive; the value is allow-listed. */
async function setLocaleActionImpl(formData: FormData): Promise<void> {
  const locale = parseLocale(String(formData.get("locale") ?? "")) ?? "en";
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: "/",
    sameSite: "lax",
    httpOnly: true,
    maxAge: 60 * 60 * 24 * 365,
  });
}

export const setLocaleAction = guardVoidAction("setLocaleAction", setLocaleActionImpl);
