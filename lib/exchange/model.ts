// Keydesk's internal model where the two dialects' answers differ in shape (fees, order book,
// candlesticks), and the order-status vocabulary every page uses. Orders, trades, balances and
// tickers use the Bitpanda Pro shape (./schemas.ts); ./wire-fast.ts converts Fast into all of
// these. Pure and type-only on the client side: safe to import anywhere.

export interface FeeTier {
  volume: string;
  maker_fee: string;
  taker_fee: string;
}

export interface FeeGroup {
  /** "default" etc. on Bitpanda Pro; "SPOT" and "FUTURES" on One Trading Fast. */
  fee_group_id: string;
  /** Running trading volume that decides the tier (decimal string; Fast sends a JSON number). */
  running_volume: string;
  /** The volume's currency when the exchange says it (Fast: "EUR"), else null. */
  volume_currency: string | null;
  active_tier: FeeTier | null;
  /** The tier table when the exchange sends it with the account's fees (Bitpanda Pro), else empty. */
  tiers: FeeTier[];
}

export interface AccountFees {
  account_id: string;
  groups: FeeGroup[];
  /** Fast: volumes and tiers are "combined across all subaccounts" (REFERENCE.md §5.3). */
  combined_across_subaccounts: boolean;
  collect_fees_in_best?: boolean;
  fee_discount_rate?: string;
}

export interface TradingVolume {
  volume: string;
}

export interface OrderBookLevel {
  price: string;
  amount: string;
  number_of_orders?: number;
}
export interface OrderBook {
  instrument_code: string;
  time: string;
  bids: OrderBookLevel[];
  asks: OrderBookLevel[];
}

export interface Candle {
  instrument_code: string;
  granularity: { unit: string; period: number };
  open: string;
  high: string;
  low: string;
  close: string;
  total_amount?: string;
  volume?: string;
  /** The END of the candle (REFERENCE.md §4). */
  time: string;
}

/**
 * Order statuses after normalization: Bitpanda Pro's set (REFERENCE.md §6). Fast's BOOKED becomes
 * OPEN, DONE and CANCELLED become FILLED_FULLY / FILLED_CLOSED / CLOSED by how much was
 * filled, and a rejection reason used as the status (INSUFFICIENT_FUNDS, …) becomes REJECTED
 * with that reason; the exchange's own word is kept in `exchange_status`.
 */
export const ACTIVE_STATUSES = new Set(["OPEN", "STOP_TRIGGERED", "FILLED"]);
export const CANCELLED_STATUSES = new Set(["CLOSED", "REJECTED", "FILLED_CLOSED", "FILLED_REJECTED", "FAILED"]);
const KNOWN_STATUSES = new Set([...ACTIVE_STATUSES, ...CANCELLED_STATUSES, "FILLED_FULLY"]);

/** Status (+ reason) of a Fast order in the internal vocabulary. */
export function normalizeFastStatus(
  status: string,
  amount: string,
  filled: string,
  reason?: string,
): { status: string; reason?: string } {
  const filledNone = /^0*(\.0*)?$/.test(filled);
  const filledAll = !filledNone && compareDecimalStrings(filled, amount) >= 0;
  switch (status) {
    case "BOOKED":
      return { status: "OPEN" };
    case "DONE":
      return { status: filledAll ? "FILLED_FULLY" : filledNone ? "CLOSED" : "FILLED_CLOSED" };
    case "CANCELLED":
      return { status: filledNone ? "CLOSED" : "FILLED_CLOSED" };
    default:
      if (KNOWN_STATUSES.has(status)) return { status, ...(reason ? { reason } : {}) };
      // Anything else is a rejection reason used as the status (REFERENCE.md §6).
      return { status: filledNone ? "REJECTED" : "FILLED_REJECTED", reason: reason ?? status };
  }
}

/** Compares two non-negative decimal strings exactly (no floats). */
function compareDecimalStrings(a: string, b: string): number {
  const split = (v: string) => {
    const [i = "0", f = ""] = v.replace(/^-/, "").split(".");
    return [i.replace(/^0+(?=\d)/, ""), f.replace(/0+$/, "")] as const;
  };
  const [ai, af] = split(a);
  const [bi, bf] = split(b);
  if (ai.length !== bi.length) return ai.length < bi.length ? -1 : 1;
  if (ai !== bi) return ai < bi ? -1 : 1;
  const len = Math.max(af.length, bf.length);
  const x = af.padEnd(len, "0");
  const y = bf.padEnd(len, "0");
  return x === y ? 0 : x < y ? -1 : 1;
}
