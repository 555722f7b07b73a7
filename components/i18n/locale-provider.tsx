"use client";
// The reader's language on the client. The server passes the messages client code names, in
// the reader's language (clientMessages from lib/i18n/client.ts), so no message file of either
// language is part of the client bundle, and the page's HTML carries only what the browser needs.
import { createContext, useContext, useMemo } from "react";
import type { Locale, Translate } from "@/lib/i18n";
import type { MessageKey } from "@/lib/i18n/messages";
import { fillMessage } from "@/lib/i18n/fill";

type Dictionary = Partial<Record<MessageKey, string>>;

/** Outside a provider (never in the app): the key itself, so a missing provider shows. */
const Ctx = createContext<{ locale: Locale; t: Translate }>({ locale: "en", t: (key) => key });

export function translatorOf(dict: Dictionary): Translate {
  const t: Translate = (key, vars) => fillMessage(dict[key] ?? key, vars, (ref) => t(ref.key, ref.values));
  return t;
}

export function LocaleProvider({
  locale,
  messages,
  children,
}: {
  locale: Locale;
  messages: Dictionary;
  children: React.ReactNode;
}) {
  const value = useMemo(() => ({ locale, t: translatorOf(messages) }), [locale, messages]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n() {
  return useContext(Ctx);
}
