// Locale-aware display of exact decimal strings and UTC times. Intl.NumberFormat formats
// decimal strings without going through a float (ES2023), so digits are never invented or lost.
import type { Locale } from "@/lib/i18n";

export type { Locale } from "@/lib/i18n";
export const INTL_LOCALE: Record<Locale, string> = { en: "en-GB", de: "de-DE" };

type Fmt = { format(v: string): string };
const cache = new Map<string, Fmt>();
function nf(locale: Locale, opts: Intl.NumberFormatOptions): Fmt {
  const k = `${locale}|${JSON.stringify(opts)}`;
  let f = cache.get(k);
  if (!f) {
    f = new Intl.NumberFormat(INTL_LOCALE[locale], opts) as unknown as Fmt;
    cache.set(k, f);
  }
  return f;
}

/** Formats a decimal string exactly: all its significant fraction digits, grouped per locale. */
export function formatDecimal(
  value: string,
  locale: Locale = "en",
  opts: { minFraction?: number; maxFraction?: number } = {},
): string {
  const digits = value.includes(".") ? value.split(".")[1]!.replace(/0+$/, "").length : 0;
  const min = opts.minFraction ?? 0;
  const max = Math.max(min, Math.min(opts.maxFraction ?? 20, Math.max(digits, min)));
  return nf(locale, {
    minimumFractionDigits: min,
    maximumFractionDigits: max,
    roundingMode: "halfExpand",
  } as Intl.NumberFormatOptions).format(value);
}

export function formatEur(value: string, locale: Locale = "en"): string {
  return nf(locale, { style: "currency", currency: "EUR", minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    value,
  );
}

export function formatPercent(value: string, locale: Locale = "en", signed = false): string {
  const f = nf(locale, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    signDisplay: signed ? "exceptZero" : "auto",
  } as Intl.NumberFormatOptions).format(value);
  return `${f} %`;
}

/** A UTC time for people: "26 Nov 2026, 08:04:37 UTC" / "26.11.2026, 08:04:37 UTC". */
export function formatUtc(iso: string, locale: Locale = "en"): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone: "UTC", year: "numeric", month: locale === "en" ? "short" : "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false }).format(d)} UTC`;
}

/** Compares decimal strings numerically without floats (for sorting). */
export function compareDecimal(a: string, b: string): number {
  const neg = (s: string) => s.startsWith("-");
  if (neg(a) !== neg(b)) return neg(a) ? -1 : 1;
  const sign = neg(a) ? -1 : 1;
  const [ai = "0", af = ""] = a.replace("-", "").split(".");
  const [bi = "0", bf = ""] = b.replace("-", "").split(".");
  const ia = ai.replace(/^0+(?=\d)/, "");
  const ib = bi.replace(/^0+(?=\d)/, "");
  if (ia.length !== ib.length) return (ia.length < ib.length ? -1 : 1) * sign;
  if (ia !== ib) return (ia < ib ? -1 : 1) * sign;
  const w = Math.max(af.length, bf.length);
  const fa = af.padEnd(w, "0");
  const fb = bf.padEnd(w, "0");
  return fa === fb ? 0 : (fa < fb ? -1 : 1) * sign;
}
