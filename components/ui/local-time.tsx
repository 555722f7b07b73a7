"use client";
// A date or time as its reader sees it: in their own time zone and language, with the exact
// UTC ISO time in a tooltip and in <time dateTime>. The server does not know the reader's
// time zone, so the first (server and hydration) render shows UTC, labelled "UTC"; right after
// hydration the browser's time zone takes over. Invalid input is shown as is.
import { useSyncExternalStore } from "react";
import { useI18n } from "@/components/i18n/locale-provider";
import { INTL_LOCALE, type Locale } from "@/lib/format/format";

export type LocalTimeStyle = "datetime" | "date" | "time";

const noop = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const serverZone = () => null;

/** Formats `iso` in `timeZone` for `locale`; "UTC" is appended when the zone is UTC itself. */
export function formatLocalTime(
  iso: string,
  locale: Locale,
  timeZone: string,
  style: LocalTimeStyle = "datetime",
): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date: Intl.DateTimeFormatOptions = {
    year: "numeric",
    month: locale === "en" ? "short" : "2-digit",
    day: "2-digit",
  };
  const time: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false };
  const opts = style === "date" ? date : style === "time" ? time : { ...date, ...time };
  const text = new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...opts, timeZone }).format(d);
  return (timeZone === "UTC" || timeZone === "Etc/UTC") && style !== "date" ? `${text} UTC` : text;
}

export function LocalTime({
  iso,
  locale,
  timeZone,
  style = "datetime",
  className,
}: {
  iso: string;
  /** Defaults to the page's language (LocaleProvider). */
  locale?: Locale;
  /** Defaults to the browser's time zone (UTC before hydration). */
  timeZone?: string;
  style?: LocalTimeStyle;
  className?: string;
}) {
  const ctx = useI18n();
  const zone = useSyncExternalStore(noop, browserZone, serverZone);
  const d = new Date(iso);
  const valid = !Number.isNaN(d.getTime());
  const utc = valid ? d.toISOString() : iso;
  return (
    <time dateTime={utc} title={valid ? `${utc} (UTC)` : undefined} className={className}>
      {formatLocalTime(iso, locale ?? ctx.locale, timeZone ?? zone ?? "UTC", style)}
    </time>
  );
}
