// The expected backfill, computed from the simulator's own HTTP answers only (balances, trades,
// currencies, daily candles), independently of lib/portfolio and lib/money: today's balances,
// each trade after a day's end undone (base, quote at the quote currency's precision, the fee in
// its own currency), valued at that day's candle closes (EUR market, via BTC, or BTC_EUR / BTC_X).
import Decimal from "decimal.js";

export type Dialect = "bitpanda" | "fast";

const DAY = 86_400_000;
type Bal = { currency_code: string; available: string; locked: string };
type Entry = {
  trade: { instrument_code: string; side: "BUY" | "SELL"; amount: string; price: string; time: string };
  fee: { fee_amount: string; fee_currency: string };
};
export type ExpectedPoint = {
  at: string;
  totalEur: string;
  rows: Record<string, { amount: string; valueEur: string | null }>;
};

async function get<T>(base: string, path: string, key?: string): Promise<T> {
  const res = await fetch(`${base}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function allTrades(base: string, key: string, from: number, to: number, windowMs: number): Promise<Entry[]> {
  const out: Entry[] = [];
  for (let end = to; end >= from; end -= windowMs) {
    const start = Math.max(from, end - windowMs + 1);
    let cursor: string | undefined;
    do {
      const q = new URLSearchParams({
        from: new Date(start).toISOString(),
        to: new Date(end).toISOString(),
        max_page_size: "100",
        ...(cursor ? { cursor } : {}),
      });
      const page = await get<{ trade_history: Entry[]; cursor?: string }>(base, `/account/trades?${q}`, key);
      out.push(...page.trade_history);
      cursor = page.cursor;
    } while (cursor);
  }
  return out;
}

async function closes(base: string, dialect: Dialect, code: string, first: number, last: number) {
  const q = new URLSearchParams({
    unit: "DAYS",
    period: "1",
    from: new Date(first - DAY + 1).toISOString(),
    to: new Date(last + 1).toISOString(),
  });
  type Candle = { close: string; time: string; granularity: { unit: string; period: number } };
  const body = await get<Candle[] | { candlesticks: Candle[] }>(base, `/candlesticks/${code}?${q}`);
  const list = dialect === "fast" ? (body as { candlesticks: Candle[] }).candlesticks : (body as Candle[]);
  return new Map(list.map((c) => [Date.parse(c.time), new Decimal(c.close)]));
}

function priceOf(cur: string, px: (code: string) => Decimal | undefined): Decimal | null {
  if (cur === "EUR") return new Decimal(1);
  const btcEur = px("BTC_EUR");
  const direct = px(`${cur}_EUR`);
  if (direct) return direct;
  const viaBtc = px(`${cur}_BTC`);
  if (viaBtc && btcEur) return viaBtc.mul(btcEur);
  const btcX = px(`BTC_${cur}`);
  return btcX && btcEur ? btcEur.div(btcX) : null;
}

export async function replayExpected(base: string, key: string, dialect: Dialect): Promise<ExpectedPoint[]> {
  const balances = (await get<{ balances: Bal[] }>(base, "/account/balances", key)).balances;
  const asOf = Date.now();
  const today = Math.floor(asOf / DAY) * DAY + DAY - 1;
  const days = Array.from({ length: 90 }, (_, i) => today - (i + 1) * DAY); // newest first
  const oldest = days[89]!;
  const precision = new Map(
    (await get<{ code: string; precision: number }[]>(base, "/currencies")).map((c) => [c.code, c.precision]),
  );
  const trades = (await allTrades(base, key, oldest + 1, asOf, (dialect === "fast" ? 30 : 100) * DAY))
    .filter((e) => Date.parse(e.trade.time) <= asOf)
    .sort((a, b) => Date.parse(b.trade.time) - Date.parse(a.trade.time));
  const bal = new Map(balances.map((b) => [b.currency_code, new Decimal(b.available).add(b.locked)]));
  const codes = ["BTC_EUR", "ETH_EUR", "XRP_EUR", "BEST_EUR", "BTC_USDT", "ETH_BTC", "PAN_BTC"];
  const px = new Map<string, Map<number, Decimal>>();
  for (const c of codes) px.set(c, await closes(base, dialect, c, oldest, days[0]!));
  const out: ExpectedPoint[] = [];
  let i = 0;
  for (const end of days) {
    for (; i < trades.length && Date.parse(trades[i]!.trade.time) > end; i++) {
      const { trade: t, fee } = trades[i]!;
      const [b, q] = t.instrument_code.split("_") as [string, string];
      const cost = new Decimal(t.amount).mul(t.price).toDecimalPlaces(precision.get(q)!, Decimal.ROUND_HALF_UP);
      const sign = t.side === "BUY" ? 1 : -1;
      // Undo: the base came in (BUY) or went out (SELL), the quote the other way, the fee left.
      bal.set(b, (bal.get(b) ?? new Decimal(0)).sub(new Decimal(t.amount).mul(sign)));
      bal.set(q, (bal.get(q) ?? new Decimal(0)).add(cost.mul(sign)));
      bal.set(fee.fee_currency, (bal.get(fee.fee_currency) ?? new Decimal(0)).add(fee.fee_amount));
      // An account never holds less than nothing: below zero, the walk crossed a withdrawal it can't see.
      for (const c of [b, q, fee.fee_currency]) bal.set(c, Decimal.max(0, bal.get(c)!));
    }
    let total = new Decimal(0);
    const rows: ExpectedPoint["rows"] = {};
    for (const [cur, amount] of bal) {
      if (amount.isZero()) continue;
      const p = priceOf(cur, (code) => px.get(code)?.get(end));
      const value = p ? amount.mul(p) : null;
      if (value) total = total.add(value);
      rows[cur] = { amount: amount.toFixed(), valueEur: value ? value.toFixed(2, Decimal.ROUND_HALF_UP) : null };
    }
    out.push({ at: new Date(end).toISOString(), totalEur: total.toFixed(2, Decimal.ROUND_HALF_UP), rows });
  }
  return out.reverse();
}
