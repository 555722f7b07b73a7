// Which of the exchange's two REST dialects Keydesk speaks, and the few facts about each that
// the rest of Keydesk needs as data (window sizes, look-back defaults, missing features).
// Every wire difference is handled inside lib/exchange; DIALECTS.md lists them all with the
// reference section each comes from. Pure: safe to import anywhere (lib/env.ts uses it).

export const DIALECTS = ["onetrading-fast", "bitpanda-pro"] as const;
export type Dialect = (typeof DIALECTS)[number];

const DAY_MS = 86_400_000;

export interface DialectTraits {
  /** Shown to people: "One Trading Fast" / "Bitpanda Pro". */
  label: string;
  /** The REST path the dialect lives under. */
  basePath: "/fast/v1" | "/public/v1";
  /** The widest from–to range one list request may cover (REFERENCE.md §5.4). */
  historyWindowMs: number;
  /**
   * Order/trade lists without dates: null when the exchange itself returns everything (Bitpanda
   * Pro); otherwise Keydesk asks for this explicit range instead of the exchange's own shorter
   * defaults (Fast: 1 day for inactive orders, 7 days for trades), and says which range it shows.
   */
  defaultLookbackMs: number | null;
  /** Single-order and trade lookups reach only this far back (Fast: 30 days), or null. */
  lookupMaxAgeMs: number | null;
  /** GET /account/trading-volume exists (REFERENCE.md §5.1 #16: Bitpanda Pro only). */
  tradingVolume: boolean;
}

export const DIALECT_TRAITS: Record<Dialect, DialectTraits> = {
  "bitpanda-pro": {
    label: "Bitpanda Pro",
    basePath: "/public/v1",
    historyWindowMs: 100 * DAY_MS,
    defaultLookbackMs: null,
    lookupMaxAgeMs: null,
    tradingVolume: true,
  },
  "onetrading-fast": {
    label: "One Trading Fast",
    basePath: "/fast/v1",
    historyWindowMs: 30 * DAY_MS,
    defaultLookbackMs: 30 * DAY_MS,
    lookupMaxAgeMs: 30 * DAY_MS,
    tradingVolume: false,
  },
};

/** The dialect a base URL's path names (`…/fast/v1` or `…/public/v1`), or null for any other path. */
export function dialectFromBaseUrl(baseUrl: string): Dialect | null {
  let path: string;
  try {
    path = new URL(baseUrl).pathname.replace(/\/+$/, "");
  } catch {
    return null;
  }
  if (path.endsWith("/fast/v1")) return "onetrading-fast";
  if (path.endsWith("/public/v1")) return "bitpanda-pro";
  return null;
}

/**
 * EXCHANGE_API wins when set; otherwise the base URL's path decides; otherwise Bitpanda Pro
 * (what Keydesk spoke before). A setting that contradicts the path is refused by lib/env.ts.
 */
export function resolveDialect(baseUrl: string, setting?: Dialect): Dialect {
  return setting ?? dialectFromBaseUrl(baseUrl) ?? "bitpanda-pro";
}

/** The other dialect (for "this key is for the other API" messages). */
export function otherDialect(d: Dialect): Dialect {
  return d === "onetrading-fast" ? "bitpanda-pro" : "onetrading-fast";
}
