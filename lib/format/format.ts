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

/**
 * The one percent rule: shares, allocations and changes show 1 decimal ("34.4 %", "34,4 %"),
 * rounded half away from zero; a signed change shows its sign ("+2.0 %").
 */
export const PERCENT_DECIMALS = 1;
export function formatPercent(value: string, locale: Locale = "en", signed = false): string {
  const f = nf(locale, {
    minimumFractionDigits: PERCENT_DECIMALS,
    maximumFractionDigits: PERCENT_DECIMALS,
    roundingMode: "halfExpand",
    signDisplay: signed ? "exceptZero" : "auto",
  } as Intl.NumberFormatOptions).format(value);
  return `${f} %`;
}

/** A fee rate ("0.15 %"): a price, not a share, so its exchange digits are kept (2 to 4 decimals). */
export function formatFeeRate(value: string, locale: Locale = "en"): string {
  return `${formatDecimal(value, locale, { minFraction: 2, maxFraction: 4 })} %`;
}

/** Currencies Intl writes with their sign (€, $, £, CHF); every other code goes after the number. */
const FIAT = new Set(["EUR", "USD", "GBP", "CHF", "PLN", "HUF", "TRY", "CZK", "SEK", "NOK", "DKK"]);

/**
 * A number with its currency, to `places` decimals when known (the currency's precision from
 * /currencies, or the instrument's price precision), else exactly as the exchange sent it:
 * "€48,710.62" / "48.710,62 €", "0.00127 BTC" / "0,00127 BTC". Digits beyond `places` are
 * rounded half away from zero; `places` is also the minimum, so a column lines up.
 */
export function formatMoney(value: string, currency: string, locale: Locale = "en", places?: number): string {
  const exact = !places && places !== 0;
  const opts = exact ? {} : { minFraction: places, maxFraction: places };
  if (FIAT.has(currency)) {
    const digits = value.includes(".") ? value.split(".")[1]!.replace(/0+$/, "").length : 0;
    const min = exact ? 2 : places;
    const max = exact ? Math.max(2, Math.min(20, digits)) : places;
    return nf(locale, {
      style: "currency",
      currency,
      minimumFractionDigits: min,
      maximumFractionDigits: max,
      roundingMode: "halfExpand",
    } as Intl.NumberFormatOptions).format(value);
  }
  return `${formatDecimal(value, locale, opts)} ${currency}`;
}

/** A count or volume without fraction noise, per locale ("6,369" / "6.369"). */
export function formatCount(value: number, locale: Locale = "en"): string {
  return nf(locale, { maximumFractionDigits: 0 }).format(String(value));
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
