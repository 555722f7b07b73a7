// One Trading Fast's WebSocket (the exchange's Fast docs, lib/exchange/WEBSOCKET.md §5): PRICE_TICKS (the last 80 ticks,
// then each trade), BOOK_TICKER (every instrument), ORDER_BOOK (snapshot, then changes),
// HEARTBEAT, and TRADING for a key with Trade after AUTHENTICATE (order events with the
// balances after each, and the CANCEL_ALL_ORDERS / CANCEL_ALL_AFTER / CREATE_ORDER commands).
// Every `time` is an integer of nanoseconds, written exactly.
import { ANY_INSTRUMENT_BY_CODE, CURRENCY_PRECISION } from "../market";
import { cancelMany, placeOrder } from "../engine";
import { SimError } from "../errors";
import { FAST_RULES, type PlaceBody } from "../order-input";
import { fastStatus } from "../fast/format";
import type { Account, SimOrder } from "../ledger";
import type { TapeTrade } from "../live-market";
import type { BookChange } from "./books";
import type { Session, SessionContext } from "./hub";
import { SessionBase } from "./session-base";
import { AccountWatch, type AccountChange } from "./account-watch";
import { authenticate } from "./auth";
import { nanosOf, wireJson } from "./json";

const PUBLIC = new Set(["PRICE_TICKS", "BOOK_TICKER", "ORDER_BOOK"]);
const NEEDS_CODES = new Set(["PRICE_TICKS", "ORDER_BOOK"]);

/** A trade's wire texts, the same for every session: serialised once. */
const TEXTS = new WeakMap<TapeTrade, { tick?: string; book?: string; update?: string }>();
function textOf(t: TapeTrade, kind: "tick" | "book" | "update", make: () => object): string {
  const texts = TEXTS.get(t) ?? {};
  TEXTS.set(t, texts);
  return (texts[kind] ??= wireJson(make()));
}

interface Channel {
  name: string;
  instrument_codes?: string[];
}

export class FastSession extends SessionBase implements Session {
  private readonly subs = new Map<string, Set<string>>();
  private deadman?: NodeJS.Timeout;

  constructor(ctx: SessionContext) {
    super(ctx);
  }

  /** A nanosecond time for a message sent now (a counter makes the sub-millisecond part). */
  private nowNs(): bigint {
    return nanosOf(this.ctx.state.now(), this.nextSubMs());
  }

  protected error(text: string) {
    this.send({ error: text });
  }

  async handle(message: unknown): Promise<void> {
    const m = (message ?? {}) as Record<string, unknown>;
    switch (m.type) {
      case "AUTHENTICATE": {
        const auth = await authenticate(this.ctx, "fast", m.api_token);
        if (!auth.ok) return this.error("AUTHENTICATION_FAILED");
        this.account = auth.account;
        this.jti = auth.jti;
        return this.send({ type: "AUTHENTICATED" });
      }
      case "SUBSCRIBE":
        return this.subscribe(m.channels);
      case "UNSUBSCRIBE": {
        const names = Array.isArray(m.channels)
          ? m.channels.map((c) => (typeof c === "string" ? c : (c as Channel)?.name))
          : [];
        for (const n of names) if (typeof n === "string") this.subs.delete(n);
        if (!this.subs.has("TRADING")) this.watch = undefined;
        return this.ack();
      }
      case "CANCEL_ALL_ORDERS":
        return this.cancelAll(typeof m.instrument_code === "string" ? m.instrument_code : undefined);
      case "CANCEL_ALL_AFTER":
        return this.cancelAfter(m.timeout);
      case "CREATE_ORDER":
        return this.createOrder(m.order);
      default:
        return this.error("Invalid message type.");
    }
  }

  private subscribe(raw: unknown) {
    if (!Array.isArray(raw) || !raw.length) return this.error("Invalid channel.");
    const channels = raw as Channel[];
    for (const c of channels) {
      if (!c || typeof c.name !== "string" || (!PUBLIC.has(c.name) && c.name !== "TRADING"))
        return this.error("Invalid channel.");
      if (NEEDS_CODES.has(c.name)) {
        const codes = c.instrument_codes;
        if (!Array.isArray(codes) || !codes.length || codes.some((x) => !ANY_INSTRUMENT_BY_CODE.has(String(x))))
          return this.error("Invalid instrument code.");
      }
      if (c.name === "TRADING" && !this.account) return this.error("NOT_AUTHENTICATED");
    }
    const added: Channel[] = [];
    for (const c of channels) {
      const set = this.subs.get(c.name) ?? new Set<string>();
      const fresh = (c.instrument_codes ?? []).map(String).filter((x) => !set.has(x));
      for (const x of fresh) set.add(x);
      this.subs.set(c.name, set);
      added.push({ name: c.name, instrument_codes: fresh });
    }
    this.ack();
    for (const c of added) this.snapshot(c);
  }

  private ack() {
    const channels = [...this.subs].map(([name, codes]) =>
      NEEDS_CODES.has(name) ? { name, instrument_codes: [...codes] } : { name },
    );
    this.send({ type: "SUBSCRIPTIONS", channels, time: this.nowNs() });
  }

  private snapshot(c: Channel) {
    const { market } = this.ctx.state;
    if (c.name === "PRICE_TICKS")
      for (const code of c.instrument_codes ?? []) for (const t of market.tape(code)) this.send(this.priceTick(t));
    if (c.name === "ORDER_BOOK")
      for (const code of c.instrument_codes ?? []) {
        const book = this.ctx.books.book(code);
        if (book)
          this.send({
            channel_name: "ORDER_BOOK",
            type: "ORDER_BOOK_SNAPSHOT",
            time: this.nowNs(),
            instrument_code: code,
            asks: book.asks,
            bids: book.bids,
          });
      }
    if (c.name === "BOOK_TICKER")
      for (const code of ANY_INSTRUMENT_BY_CODE.keys()) {
        const last = market.tape(code).at(-1);
        if (last) this.send(this.bookTick(last));
      }
    if (c.name === "TRADING" && this.account) this.watch = new AccountWatch(this.account);
  }

  private priceTick(t: TapeTrade) {
    return {
      channel_name: "PRICE_TICKS",
      type: "PRICE_TICK",
      time: t.timeNs,
      instrument_code: t.instrument,
      price: t.price,
      amount: t.amount,
      volume: t.volume,
      best_bid: t.bestBid,
      best_ask: t.bestAsk,
      taker_side: t.takerSide,
    };
  }

  private bookTick(t: TapeTrade) {
    const book = this.ctx.books.book(t.instrument);
    return {
      channel_name: "BOOK_TICKER",
      type: "BOOK_TICK",
      time: t.timeNs,
      instrument_code: t.instrument,
      data: {
        best_bid: t.bestBid,
        bid_amount: book?.bids[0]?.[1] ?? "0",
        best_ask: t.bestAsk,
        ask_amount: book?.asks[0]?.[1] ?? "0",
      },
    };
  }

  trades(batch: TapeTrade[], changes: Map<string, BookChange[]>) {
    if (this.ctx.dataStalled()) return;
    const ticks = this.subs.get("PRICE_TICKS");
    const books = this.subs.get("ORDER_BOOK");
    const tickers = this.subs.has("BOOK_TICKER");
    for (const t of batch) {
      if (ticks?.has(t.instrument)) this.ctx.send(textOf(t, "tick", () => this.priceTick(t)));
      if (tickers) this.ctx.send(textOf(t, "book", () => this.bookTick(t)));
      const c = changes.get(t.instrument);
      if (books?.has(t.instrument) && c)
        this.ctx.send(
          textOf(t, "update", () => ({
            channel_name: "ORDER_BOOK",
            type: "ORDER_BOOK_UPDATE",
            time: t.timeNs,
            instrument_code: t.instrument,
            changes: c,
          })),
        );
    }
  }

  heartbeat() {
    this.send({ type: "HEARTBEAT", time: this.nowNs() });
  }

  accountTouched(accountId: string) {
    if (!this.watch || this.account?.id !== accountId) return;
    for (const change of this.watch.changes()) {
      const event = this.orderEvent(change);
      if (event) this.send(event);
    }
  }

  /** Short balances after an event: available in `bals`, locked in `lckd_bals`. */
  private balances() {
    const acct = this.account!;
    const short = (pick: "available" | "locked") =>
      [...acct.balances.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([c, b]) => ({ c, a: b[pick].toFixed(CURRENCY_PRECISION.get(c) ?? 8) }));
    return { bals: short("available"), lckd_bals: short("locked") };
  }

  private orderEvent(change: AccountChange) {
    if (change.kind === "balances") return undefined;
    const o: SimOrder = change.order;
    const inst = ANY_INSTRUMENT_BY_CODE.get(o.instrument_code)!;
    const base = {
      channel_name: "TRADING",
      event: "ORDER",
      order_id: o.order_id,
      ...(o.client_id ? { client_id: o.client_id } : {}),
      account_id: o.account_id,
      instrument_code: o.instrument_code,
      side: o.side,
      order_type: o.type,
      amount: o.amount.toFixed(inst.amountPrecision),
      remaining: o.amount.sub(o.filled_amount).toFixed(inst.amountPrecision),
      ...(o.price ? { price: o.price.toFixed(inst.marketPrecision) } : {}),
      time_in_force: o.is_post_only ? "POST_ONLY" : o.time_in_force,
      time: nanosOf(
        change.kind === "trade" ? change.trade.time : o.time_last_updated,
        (o.sequence * 7_919) % 1_000_000,
      ),
    };
    if (change.kind === "created") return { ...base, type: "BOOKED", status: "OPEN", ...this.balances() };
    if (change.kind === "closed") return { ...base, type: "DONE", status: fastStatus(o), ...this.balances() };
    const t = change.trade;
    return {
      ...base,
      type: "FILL",
      status: o.filled_amount.gte(o.amount) ? "FILLED_FULLY" : "FILL",
      trade_id: t.trade_id,
      matched_as: t.fee.fee_type,
      matched_amount: t.amount.toFixed(inst.amountPrecision),
      matched_price_avg: t.price.toFixed(inst.marketPrecision),
      cum_quote_amount: t.amount.mul(t.price).toFixed(CURRENCY_PRECISION.get(inst.quote) ?? 8),
      fee: t.fee.fee_amount.toFixed(CURRENCY_PRECISION.get(t.fee.fee_currency) ?? 8),
      fee_currency: t.fee.fee_currency,
      ...this.balances(),
    };
  }

  private requireTrading(): Account | undefined {
    if (!this.account || !this.subs.has("TRADING")) {
      this.error(this.account ? "NOT_SUBSCRIBED" : "NOT_AUTHENTICATED");
      return undefined;
    }
    return this.account;
  }

  private cancelAll(instrument?: string) {
    const acct = this.requireTrading();
    if (!acct) return;
    const ids = cancelMany(acct, { instrument_code: instrument }, this.ctx.state.now());
    if (!ids.length) return this.error("no orders to cancel");
    this.send({ type: "BOOKED", details: `cancelling ${ids.length} orders` });
    this.ctx.state.touched(acct.id);
  }

  /** The dead-man switch: every order is cancelled if the client does not renew within `timeout` ms. */
  private cancelAfter(timeout: unknown) {
    const acct = this.requireTrading();
    if (!acct) return;
    if (typeof timeout !== "number" || !Number.isInteger(timeout) || timeout < 0) return this.error("INVALID_TIMEOUT");
    if (this.deadman) clearTimeout(this.deadman);
    this.deadman = undefined;
    if (timeout === 0) return this.send({ type: "AUTO_CANCELLATION_TIMER_DEACTIVATED" });
    this.deadman = setTimeout(() => {
      cancelMany(acct, {}, this.ctx.state.now());
      this.ctx.state.touched(acct.id);
    }, timeout);
    this.deadman.unref();
    this.send({ type: "AUTO_CANCELLATION_TIMER_SET", timeout });
  }

  private createOrder(order: unknown) {
    const acct = this.requireTrading();
    if (!acct) return;
    try {
      placeOrder(this.ctx.state.market, acct, (order ?? {}) as PlaceBody, this.ctx.state.now(), FAST_RULES);
    } catch (err) {
      if (err instanceof SimError) return this.error(err.code);
      throw err;
    }
    this.ctx.state.touched(acct.id);
  }

  close() {
    if (this.deadman) clearTimeout(this.deadman);
    this.watch = undefined;
  }
}
