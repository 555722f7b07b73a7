// The exchange's codes (order status, rejection reason, side, type, time in force, maker/taker,
// fee group) as words in the reader's language. Every code the exchange documents has a word in
// both catalogues (tests/unit/format/exchange-words.test.ts); an unknown one reads "Other" and
// keeps its code on hover, like every word here (the code stays in CSV exports too).
import type { Translate } from "@/lib/i18n";
import type { MessageKey } from "@/lib/i18n/messages";

/** The codes of each kind, as the exchange (and lib/exchange/model.ts's normalization) sends them. */
export const EXCHANGE_CODES = {
  status: [
    "OPEN",
    "STOP_TRIGGERED",
    "FILLED",
    "FILLED_FULLY",
    "FILLED_CLOSED",
    "FILLED_REJECTED",
    "REJECTED",
    "CLOSED",
    "FAILED",
    "BOOKED",
    "DONE",
    "CANCELLED",
  ],
  reason: [
    "INSUFFICIENT_FUNDS",
    "INSUFFICIENT_LIQUIDITY",
    "RISK_FAILED_OVER_MAX_POSITION",
    "SELF_TRADE",
    "MIN_SIZE_NOT_SATISFIED",
    "USER_CANCELLED",
  ],
  side: ["BUY", "SELL"],
  type: ["LIMIT", "MARKET", "STOP"],
  tif: ["GOOD_TILL_CANCELLED", "GOOD_TILL_TIME", "IMMEDIATE_OR_CANCELLED", "FILL_OR_KILL", "POST_ONLY"],
  liquidity: ["MAKER", "TAKER"],
  feeGroup: ["default", "SPOT", "FUTURES"],
} as const;

export type CodeKind = keyof typeof EXCHANGE_CODES;

/** The catalogue key of a code's word, or null for a code the exchange doesn't document. */
export function wordKey(kind: CodeKind, code: string): MessageKey | null {
  return (EXCHANGE_CODES[kind] as readonly string[]).includes(code) ? (`word.${kind}.${code}` as MessageKey) : null;
}

/** A code's word in the reader's language ("Other" for an undocumented code). */
export function codeWord(t: Translate, kind: CodeKind, code: string): string {
  const key = wordKey(kind, code);
  return key ? t(key) : t("word.other");
}
