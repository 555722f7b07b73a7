// Which instruments the market stream subscribes: those that price (lib/money/valuation.ts's
// routes: X_EUR, else through BTC or another quote with a EUR price) every currency that a
// visible key (not stopped, revoked or refused) last held, by its newest snapshot, or that a
// live page holds now. The instrument list is the gate's cached public read (an hour fresh).
import "server-only";
import { hotRows } from "@/lib/db";

export interface InstrumentRef {
  code: string;
  base: string;
  quote: string;
}

/** Pure: the instruments that price `currencies` in EUR by valuation.ts's routes. BTC_EUR always. */
export function instrumentsPricing(currencies: Iterable<string>, list: readonly InstrumentRef[]): string[] {
  const spot = list.filter((i) => i.code === `${i.base}_${i.quote}`);
  const byPair = new Map(spot.map((i) => [i.code, i]));
  const out = new Set<string>();
  if (byPair.has("BTC_EUR")) out.add("BTC_EUR");
  const eurOf = (c: string): string[] | null => {
    if (c === "EUR") return [];
    if (byPair.has(`${c}_EUR`)) return [`${c}_EUR`];
    if (byPair.has(`BTC_${c}`) && byPair.has("BTC_EUR")) return [`BTC_${c}`, "BTC_EUR"];
    return null;
  };
  for (const c of currencies) {
    const direct = eurOf(c);
    if (direct) {
      for (const i of direct) out.add(i);
      continue;
    }
    // Perpetual positions are held in the perpetual's own code.
    if (c.split("_").length === 3) {
      const perp = list.find((i) => i.code === c);
      const q = perp ? eurOf(perp.quote) : null;
      if (perp && q) {
        out.add(perp.code);
        for (const i of q) out.add(i);
      }
      continue;
    }
    for (const i of spot) {
      if (i.base !== c) continue;
      const q = eurOf(i.quote);
      if (q) {
        out.add(i.code);
        for (const x of q) out.add(x);
        break;
      }
    }
  }
  return [...out].sort();
}

/** Currencies held by visible keys, by each key's newest snapshot. */
export async function currenciesOfVisibleKeys(): Promise<Set<string>> {
  const rows = await hotRows<{ currency: string }>(
    "keydesk_market_currencies",
    `SELECT DISTINCT r->>'currency' AS currency
     FROM "ApiKey" k
     JOIN LATERAL (SELECT s.rows FROM "KeySnapshot" s WHERE s."keyId" = k.id ORDER BY s.at DESC LIMIT 1) last ON true
     CROSS JOIN LATERAL jsonb_array_elements(last.rows::jsonb) r
     WHERE k.status::text NOT IN ('stopped', 'revoked', 'invalid')`,
    [],
  );
  return new Set(rows.map((r) => r.currency).filter(Boolean));
}
