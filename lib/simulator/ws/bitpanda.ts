// Bitpanda Pro's (legacy) WebSocket (its old docs and CCXT, lib/exchange/WEBSOCKET.md §5): MARKET_TICKER,
// ORDER_BOOK, PRICE_TICKS (PRICE_TICK_HISTORY, then PRICE_TICK), CANDLESTICKS, and
// ACCOUNT_HISTORY after AUTHENTICATE; SUBSCRIBE, UPDATE_SUBSCRIPTION (adds instruments),
// UNSUBSCRIBE; the SYSTEM heartbeat and ERROR form. Times are ISO-8601 with microseconds.
import { ANY_INSTRUMENT_BY_CODE, INSTRUMENT_BY_CODE, tickerFor } from "../market";
import { SimError } from "../errors";
import { candles } from "../routes-public";
import { balancesJson, orderJson, tradeEntryJson } from "../format";
import { ACTIVE_STATUSES, type Account, type SimOrder } from "../ledger";
import type { TapeTrade } from "../live-market";
import { BOOK_DEPTH, type BookChange } from "./books";
import type { Session, SessionContext } from "./hub";
import { SessionBase } from "./session-base";
import { AccountWatch, type AccountChange } from "./account-watch";
import { authenticate } from "./auth";
import { isoMicros, nanosOf } from "./json";

const CHANNELS = new Set(["MARKET_TICKER", "ORDER_BOOK", "PRICE_TICKS", "CANDLESTICKS", "ACCOUNT_HISTORY"]);
const UNIT_MS: Record<string, number> = {
  MINUTES: 60_000,
  HOURS: 3_600_000,
  DAYS: 86_400_000,
  WEEKS: 7 * 86_400_000,
  MONTHS: 30 * 86_400_000,
};

interface Granularity {
  unit: string;
  period: number;
}
interface Channel {
  name: string;
  instrument_codes?: string[];
  depth?: number;
  price_points_mode?: string;
  properties?: { instrument_code: string; time_granularity: Granularity }[];
}
const POINT_MODES = new Set(["INLINE", "SPLIT", "OMIT"]);
const HOUR = 3_600_000;

interface Sub {
  codes: Set<string>;
  depth: number;
  /** MARKET_TICKER: the last day's hourly prices inside each update, as their own message, or none. */
  points: string;
  /** CANDLESTICKS: instrument → granularities ("MINUTES:1"). */
  candles: Map<string, Set<string>>;
}

class Refusal extends Error {}

type TickerRow = Record<string, string>;
const ROWS = new WeakMap<TapeTrade, { row: TickerRow; points?: ReturnType<BitpandaSession["pricePoints"]> }>();

export class BitpandaSession extends SessionBase implements Session {
  private readonly subs = new Map<string, Sub>();
  private lastPointHour = 0;

  constructor(ctx: SessionContext) {
    super(ctx);
  }

  private nowIso(): string {
    return isoMicros(nanosOf(this.ctx.state.now(), this.nextSubMs()));
  }

  protected error(code: string) {
    this.send({ error: code, channel_name: "SYSTEM", type: "ERROR", time: this.nowIso() });
  }

  async handle(message: unknown): Promise<void> {
    const m = (message ?? {}) as Record<string, unknown>;
    switch (m.type) {
      case "AUTHENTICATE": {
        const auth = await authenticate(this.ctx, "bitpanda", m.api_token);
        if (!auth.ok) return this.error("AUTHENTICATION_FAILED");
        this.account = auth.account;
        this.jti = auth.jti;
        return this.send({ type: "AUTHENTICATED", channel_name: "SYSTEM", time: this.nowIso() });
      }
      case "SUBSCRIBE":
      case "UPDATE_SUBSCRIPTION":
        return this.subscribe(m.channels, m.type === "UPDATE_SUBSCRIPTION");
      case "UNSUBSCRIBE": {
        const names = Array.isArray(m.channels) ? m.channels : [];
        for (const n of names) {
          const name = typeof n === "string" ? n : (n as Channel)?.name;
          if (typeof name !== "string" || !this.subs.delete(name)) continue;
          if (name === "ACCOUNT_HISTORY") this.watch = undefined;
          this.send({ type: "UNSUBSCRIBED", channel_name: name, time: this.nowIso() });
        }
        return;
      }
      default:
        return this.error("INVALID_MESSAGE_TYPE");
    }
  }

  private check(c: Channel, update: boolean) {
    if (!c || typeof c.name !== "string" || !CHANNELS.has(c.name)) throw new Refusal("CHANNEL_NOT_FOUND");
    if (update && !this.subs.has(c.name)) throw new Refusal("SUBSCRIPTION_NOT_FOUND");
    if (c.name === "ACCOUNT_HISTORY") {
      if (!this.account) throw new Refusal("NOT_AUTHENTICATED");
      return;
    }
    if (c.name === "CANDLESTICKS") {
      if (!Array.isArray(c.properties) || !c.properties.length) throw new Refusal("INVALID_CANDLESTICKS_PROPERTIES");
      for (const p of c.properties) {
        if (!INSTRUMENT_BY_CODE.has(p?.instrument_code)) throw new Refusal("INVALID_INSTRUMENT_CODE");
        const g = p.time_granularity;
        if (!g || !UNIT_MS[g.unit] || !Number.isInteger(g.period))
          throw new Refusal("INVALID_CANDLESTICKS_GRANULARITY");
        try {
          this.candle(p.instrument_code, `${g.unit}:${g.period}`, "CANDLESTICK");
        } catch (err) {
          // The REST candles' own checks (the granularities the exchange offers).
          if (err instanceof SimError) throw new Refusal(err.code);
          throw err;
        }
      }
      return;
    }
    const codes = c.instrument_codes;
    if (!Array.isArray(codes) || !codes.length || codes.some((x) => !INSTRUMENT_BY_CODE.has(String(x))))
      throw new Refusal("INVALID_INSTRUMENT_CODE");
    if (c.name === "ORDER_BOOK" && c.depth !== undefined && (!Number.isInteger(c.depth) || c.depth < 0))
      throw new Refusal("INVALID_ORDER_BOOK_DEPTH");
    if (c.name === "MARKET_TICKER" && c.price_points_mode !== undefined && !POINT_MODES.has(c.price_points_mode))
      throw new Refusal("INVALID_PRICE_POINTS_MODE");
  }

  private subscribe(raw: unknown, update: boolean) {
    if (!Array.isArray(raw) || !raw.length) return this.error("CHANNEL_NOT_FOUND");
    const channels = raw as Channel[];
    try {
      for (const c of channels) this.check(c, update);
    } catch (err) {
      if (err instanceof Refusal) return this.error(err.message);
      throw err;
    }
    const added: Channel[] = [];
    for (const c of channels) {
      const sub = this.subs.get(c.name) ?? {
        codes: new Set<string>(),
        depth: BOOK_DEPTH,
        points: "OMIT",
        candles: new Map(),
      };
      if (c.name === "MARKET_TICKER" && c.price_points_mode !== undefined) sub.points = c.price_points_mode;
      if (c.name === "ORDER_BOOK" && c.depth !== undefined)
        sub.depth = c.depth === 0 ? BOOK_DEPTH : Math.min(c.depth, BOOK_DEPTH);
      const fresh = (c.instrument_codes ?? []).map(String).filter((x) => !sub.codes.has(x));
      for (const x of fresh) sub.codes.add(x);
      const freshCandles: NonNullable<Channel["properties"]> = [];
      for (const p of c.properties ?? []) {
        const key = `${p.time_granularity.unit}:${p.time_granularity.period}`;
        const set = sub.candles.get(p.instrument_code) ?? new Set<string>();
        if (!set.has(key)) freshCandles.push(p);
        set.add(key);
        sub.candles.set(p.instrument_code, set);
      }
      this.subs.set(c.name, sub);
      added.push({ ...c, instrument_codes: fresh, properties: freshCandles });
    }
    this.send({
      type: update ? "SUBSCRIPTION_UPDATED" : "SUBSCRIPTIONS",
      channels: this.listed(),
      time: this.nowIso(),
    });
    for (const c of added) this.snapshot(c);
  }

  private listed() {
    return [...this.subs].map(([name, sub]) => {
      if (name === "ACCOUNT_HISTORY") return { name };
      if (name === "CANDLESTICKS")
        return {
          name,
          properties: [...sub.candles].flatMap(([code, keys]) =>
            [...keys].map((k) => {
              const [unit, period] = k.split(":");
              return { instrument_code: code, time_granularity: { unit, period: Number(period) } };
            }),
          ),
        };
      return {
        name,
        instrument_codes: [...sub.codes],
        ...(name === "ORDER_BOOK" ? { depth: sub.depth } : {}),
        ...(name === "MARKET_TICKER" ? { price_points_mode: sub.points } : {}),
      };
    });
  }

  /** The last day's prices on the hour (the points the ticker's high and low are taken from), oldest first. */
  pricePoints(code: string, timeMs: number) {
    const inst = ANY_INSTRUMENT_BY_CODE.get(code)!;
    return Array.from({ length: 24 }, (_, i) => {
      const t = timeMs - (24 - i) * HOUR;
      return {
        time: new Date(t).toISOString(),
        close_price: this.ctx.state.market.price(inst, t).toFixed(inst.marketPrecision),
      };
    });
  }

  private ticker(code: string, timeMs: number, trade?: TapeTrade) {
    // Every session pushes the same rows for a trade: computed once per trade, not per session.
    const cached = trade ? ROWS.get(trade) : undefined;
    const inline = this.subs.get("MARKET_TICKER")?.points === "INLINE";
    let row = cached?.row;
    if (!row) {
      const t = tickerFor(this.ctx.state.market, ANY_INSTRUMENT_BY_CODE.get(code)!, timeMs);
      row = {
        instrument: code,
        last_price: t.last_price,
        price_change: t.price_change,
        price_change_percentage: t.price_change_percentage,
        high: t.high,
        low: t.low,
        volume: t.base_volume,
      };
    }
    const points = inline ? (cached?.points ?? this.pricePoints(code, timeMs)) : cached?.points;
    if (trade) ROWS.set(trade, { row, points });
    return inline ? { ...row, price_points: points } : row;
  }

  private pointUpdates(codes: string[], timeMs: number) {
    this.lastPointHour = Math.floor(timeMs / HOUR);
    this.send({
      channel_name: "MARKET_TICKER",
      type: "PRICE_POINT_UPDATES",
      time: this.nowIso(),
      price_updates: codes.map((code) => ({ instrument: code, prices: this.pricePoints(code, timeMs) })),
    });
  }

  private tick(t: TapeTrade) {
    return {
      instrument_code: t.instrument,
      price: t.price,
      amount: t.amount,
      taker_side: t.takerSide,
      volume: t.volume,
      time: isoMicros(t.timeNs),
      trade_timestamp: t.timeMs,
      sequence: t.sequence,
    };
  }

  private candle(code: string, key: string, type: "CANDLESTICK_SNAPSHOT" | "CANDLESTICK") {
    const [unit, period] = key.split(":") as [string, string];
    const now = this.ctx.state.now();
    const size = UNIT_MS[unit]! * Number(period);
    const q = new URLSearchParams({
      unit,
      period,
      from: new Date(Math.floor(now / size) * size).toISOString(),
      to: new Date(now).toISOString(),
    });
    const c = candles(this.ctx.state, INSTRUMENT_BY_CODE.get(code)!, q).at(-1);
    if (!c) return undefined;
    return {
      channel_name: "CANDLESTICKS",
      type,
      time: c.time,
      instrument_code: code,
      granularity: c.granularity,
      high: c.high,
      low: c.low,
      open: c.open,
      close: c.close,
      volume: c.volume,
      last_sequence: c.last_sequence,
    };
  }

  private snapshot(c: Channel) {
    const { market } = this.ctx.state;
    const codes = c.instrument_codes ?? [];
    if (c.name === "MARKET_TICKER" && codes.length)
      this.send({
        channel_name: "MARKET_TICKER",
        type: "MARKET_TICKER_UPDATES",
        time: this.nowIso(),
        ticker_updates: codes.map((code) => this.ticker(code, this.ctx.state.now())),
      });
    if (c.name === "MARKET_TICKER" && codes.length && this.subs.get("MARKET_TICKER")!.points === "SPLIT")
      this.pointUpdates(codes, this.ctx.state.now());
    if (c.name === "PRICE_TICKS")
      for (const code of codes)
        this.send({
          channel_name: "PRICE_TICKS",
          type: "PRICE_TICK_HISTORY",
          time: this.nowIso(),
          instrument_code: code,
          history: market.tape(code).map((t) => this.tick(t)),
        });
    if (c.name === "ORDER_BOOK") {
      const depth = this.subs.get("ORDER_BOOK")!.depth;
      for (const code of codes) {
        const book = this.ctx.books.book(code);
        if (book)
          this.send({
            channel_name: "ORDER_BOOK",
            type: "ORDER_BOOK_SNAPSHOT",
            time: this.nowIso(),
            instrument_code: code,
            asks: book.asks.slice(0, depth),
            bids: book.bids.slice(0, depth),
          });
      }
    }
    if (c.name === "CANDLESTICKS")
      for (const p of c.properties ?? []) {
        const msg = this.candle(
          p.instrument_code,
          `${p.time_granularity.unit}:${p.time_granularity.period}`,
          "CANDLESTICK_SNAPSHOT",
        );
        if (msg) this.send(msg);
      }
    if (c.name === "ACCOUNT_HISTORY" && this.account) this.accountSnapshots(this.account);
  }

  private accountSnapshots(acct: Account) {
    const time = this.nowIso();
    const withTrades = (o: SimOrder) => ({
      order: orderJson(o),
      trades: o.tradeIds.map((id) => acct.tradesById.get(id)).flatMap((t) => (t ? [tradeEntryJson(t)] : [])),
    });
    const base = { channel_name: "ACCOUNT_HISTORY", account_id: acct.id, time };
    this.send({ ...base, type: "BALANCES_SNAPSHOT", balances: balancesJson(acct).balances });
    const active = acct.orders.filter((o) => ACTIVE_STATUSES.has(o.status));
    this.send({ ...base, type: "ACTIVE_ORDERS_SNAPSHOT", orders: active.map(withTrades) });
    // The newest inactive orders of the last day, at most 100 (the snapshot is not a history).
    const since = this.ctx.state.now() - 86_400_000;
    const inactive = acct.orders
      .filter((o) => !ACTIVE_STATUSES.has(o.status) && o.time_last_updated >= since)
      .slice(-100)
      .reverse();
    this.send({ ...base, type: "INACTIVE_ORDERS_SNAPSHOT", orders: inactive.map(withTrades) });
    this.watch = new AccountWatch(acct);
  }

  trades(batch: TapeTrade[], changes: Map<string, BookChange[]>) {
    if (this.ctx.dataStalled()) return;
    const tickers = this.subs.get("MARKET_TICKER");
    const ticks = this.subs.get("PRICE_TICKS");
    const books = this.subs.get("ORDER_BOOK");
    const candleSub = this.subs.get("CANDLESTICKS");
    const updates = batch.filter((t) => tickers?.codes.has(t.instrument));
    if (updates.length)
      this.send({
        channel_name: "MARKET_TICKER",
        type: "MARKET_TICKER_UPDATES",
        time: isoMicros(updates[0]!.timeNs),
        ticker_updates: updates.map((t) => this.ticker(t.instrument, t.timeMs, t)),
      });
    // SPLIT: the points again when a new hour's point exists.
    const last = updates.at(-1);
    if (last && tickers?.points === "SPLIT" && Math.floor(last.timeMs / HOUR) !== this.lastPointHour)
      this.pointUpdates([...tickers.codes], last.timeMs);
    for (const t of batch) {
      if (ticks?.codes.has(t.instrument))
        this.send({ channel_name: "PRICE_TICKS", type: "PRICE_TICK", ...this.tick(t) });
      const c = changes.get(t.instrument);
      if (books?.codes.has(t.instrument) && c) {
        const book = this.ctx.books.book(t.instrument);
        const top = [...(book?.asks ?? []).slice(0, books.depth), ...(book?.bids ?? []).slice(0, books.depth)];
        const inDepth = new Set(top.map(([price]) => price));
        const visible = c.filter(([, price, amount]) => amount === "0" || inDepth.has(price));
        if (visible.length)
          this.send({
            channel_name: "ORDER_BOOK",
            type: "ORDER_BOOK_UPDATE",
            time: isoMicros(t.timeNs),
            instrument_code: t.instrument,
            changes: visible,
          });
      }
      for (const key of candleSub?.candles.get(t.instrument) ?? []) {
        const msg = this.candle(t.instrument, key, "CANDLESTICK");
        if (msg) this.send(msg);
      }
    }
  }

  heartbeat() {
    this.send({ subscription: "SYSTEM", channel_name: "SYSTEM", type: "HEARTBEAT", time: this.nowIso() });
  }

  accountTouched(accountId: string) {
    if (!this.watch || this.account?.id !== accountId) return;
    for (const change of this.watch.changes()) {
      const update = this.accountUpdate(change);
      if (update) this.send(update);
    }
  }

  private accountUpdate(change: AccountChange) {
    if (change.kind === "balances") return undefined;
    const acct = this.account!;
    const o = change.order;
    const time = this.nowIso();
    const update =
      change.kind === "created"
        ? { type: "ORDER_CREATED", order: orderJson(o) }
        : change.kind === "trade"
          ? { type: "TRADE_SETTLED", order: orderJson(o), ...tradeEntryJson(change.trade) }
          : { type: o.status === "REJECTED" ? "ORDER_REJECTED" : "ORDER_CLOSED", order: orderJson(o) };
    return {
      channel_name: "ACCOUNT_HISTORY",
      type: "ACCOUNT_UPDATE",
      account_id: acct.id,
      sequence: acct.sequence,
      update: { ...update, id: o.order_id, account_id: acct.id, sequence: o.sequence, time },
      balances: balancesJson(acct).balances,
      time,
    };
  }

  close() {
    this.watch = undefined;
  }
}
