// EUR valuation of balances, exact (decimal.js). A currency is priced by its EUR market, or
// through BTC (X_BTC × BTC_EUR), or through a quote currency that itself has a EUR price
// (X_USDT × USDT in EUR, where USDT in EUR = BTC_EUR / BTC_USDT). Otherwise: no price.
// Perpetuals (One Trading Fast's BTC_EUR_P) never price their base currency: a perp's price is
// not the spot price. A balance held in a perpetual's own code (a futures position) is valued
// at that perpetual's last price in its quote currency; without one it is listed as unpriced.
// Safe on the client: no server imports.
import Decimal from "decimal.js";

export interface TickerLike {
  instrument_code: string;
  last_price: string;
  price_change_percentage?: string;
}
export interface BalanceLike {
  currency_code: string;
  available: string;
  locked: string;
}

export type PriceSource = { kind: "eur"; via: null } | { kind: "market"; via: string } | { kind: "none"; via: null };

export interface ValuedBalance {
  currency: string;
  available: string;
  locked: string;
  total: string;
  priceEur: string | null;
  valueEur: string | null;
  source: PriceSource;
  change24hPct: string | null;
}

export function buildPriceTable(
  tickers: readonly TickerLike[],
): Map<string, { price: Decimal; via: string; change: Decimal | null }> {
  const perps = tickers.filter((t) => t.instrument_code.split("_").length === 3);
  tickers = tickers.filter((t) => t.instrument_code.split("_").length === 2);
  const table = new Map<string, { price: Decimal; via: string; change: Decimal | null }>();
  table.set("EUR", { price: new Decimal(1), via: "EUR", change: new Decimal(0) });
  // Direct EUR markets first.
  for (const t of tickers) {
    const [base, quote] = t.instrument_code.split("_");
    if (base && quote === "EUR")
      table.set(base, {
        price: new Decimal(t.last_price),
        via: t.instrument_code,
        change: t.price_change_percentage ? new Decimal(t.price_change_percentage) : null,
      });
  }
  // Quote currencies without a EUR market, priced through BTC (e.g. USDT = BTC_EUR / BTC_USDT).
  const btcEur = table.get("BTC")?.price;
  for (const t of tickers) {
    const [base, quote] = t.instrument_code.split("_");
    if (base === "BTC" && quote && !table.has(quote) && btcEur && new Decimal(t.last_price).gt(0)) {
      table.set(quote, { price: btcEur.div(t.last_price), via: `BTC_EUR/${t.instrument_code}`, change: null });
    }
  }
  // Any other base currency, through a quote that now has a EUR price.
  for (const t of tickers) {
    const [base, quote] = t.instrument_code.split("_");
    if (!base || !quote || table.has(base)) continue;
    const q = table.get(quote);
    if (q)
      table.set(base, {
        price: new Decimal(t.last_price).mul(q.price),
        via: `${t.instrument_code}×${q.via}`,
        change: null,
      });
  }
  // Perpetual positions, by the perpetual's own code.
  for (const t of perps) {
    const [, quote, suffix] = t.instrument_code.split("_");
    const q = quote && suffix === "P" ? table.get(quote) : undefined;
    if (q)
      table.set(t.instrument_code, {
        price: new Decimal(t.last_price).mul(q.price),
        via: quote === "EUR" ? t.instrument_code : `${t.instrument_code}×${q.via}`,
        change: t.price_change_percentage && quote === "EUR" ? new Decimal(t.price_change_percentage) : null,
      });
  }
  return table;
}

export function valueBalances(
  balances: readonly BalanceLike[],
  tickers: readonly TickerLike[],
): { rows: ValuedBalance[]; totalEur: string; unpriced: string[] } {
  const prices = buildPriceTable(tickers);
  let total = new Decimal(0);
  const unpriced: string[] = [];
  const rows = balances.map((b) => {
    const amount = new Decimal(b.available).add(b.locked);
    const p = prices.get(b.currency_code);
    const value = p ? amount.mul(p.price) : null;
    if (value) total = total.add(value);
    else if (!amount.isZero()) unpriced.push(b.currency_code);
    return {
      currency: b.currency_code,
      available: b.available,
      locked: b.locked,
      total: amount.toFixed(),
      priceEur: p ? p.price.toDecimalPlaces(8).toFixed() : null,
      valueEur: value ? value.toFixed(2, Decimal.ROUND_HALF_UP) : null,
      source:
        b.currency_code === "EUR"
          ? { kind: "eur", via: null }
          : p
            ? { kind: "market", via: p.via }
            : { kind: "none", via: null },
      change24hPct: p?.change ? p.change.toFixed(2) : null,
    } satisfies ValuedBalance;
  });
  return { rows, totalEur: total.toFixed(2, Decimal.ROUND_HALF_UP), unpriced };
}

/** Portfolio change over 24 h, weighted by current EUR value, over balances with a known change. */
export function weightedChange24h(rows: readonly ValuedBalance[]): string | null {
  let weight = new Decimal(0);
  let acc = new Decimal(0);
  for (const r of rows) {
    if (!r.valueEur || r.change24hPct === null || r.currency === "EUR") continue;
    weight = weight.add(r.valueEur);
    acc = acc.add(new Decimal(r.valueEur).mul(r.change24hPct));
  }
  return weight.isZero() ? null : acc.div(weight).toFixed(2);
}
