"use server";
import { guardVoidAction } from "@/lib/http/action-guard";
import { cookies } from "next/headers";
import { parseTheme, THEME_COOKIE } from "@/lib/theme";

/** Stores the theme preference. Not sensitive, so no sign-in is needed; the value is allow-listed. */
async function setThemeActionImpl(formData: FormData): Promise<void> {
  const theme = parseTheme(String(formData.get("theme") ?? ""));
  (await cookies()).set(THEME_COOKIE, theme, {
    path: "/",
    sameSite: "lax",
    httpOnly: true,
    maxAge: 60 * 60 * 24 * 365,
  });
}

export const setThemeAction = guardVoidAction("setThemeAction", setThemeActionImpl);
