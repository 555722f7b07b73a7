// The running market: the seeded wave of ./market.ts at a tick rate (10 s by default, down to
// 50 ms for benchmarks), plus the price moves made through the control API. It is the one price
// source of REST tickers, fills, candles and the WebSocket. Each tick is one trade per instrument
// (the tape PRICE_TICKS carries). Deterministic: the trade at a tick is a function of the seed,
// the tick's time and the moves made before it; the wall clock only decides when it is pushed.
import Decimal from "decimal.js";
import {
  ANY_INSTRUMENT_BY_CODE,
  CURRENCY_PRECISION,
  priceAt,
  topOfBook,
  type InstrumentDef,
  type PriceSource,
} from "./market";
import { hashSeed } from "./rng";

export interface TapeTrade {
  instrument: string;
  timeMs: number;
  /** Nanoseconds since the epoch, exact (beyond a JS number: never converted to one). */
  timeNs: bigint;
  price: string;
  amount: string;
  /** The trade's value in the quote currency. */
  volume: string;
  takerSide: "BUY" | "SELL";
  bestBid: string;
  bestAsk: string;
  sequence: number;
}

interface Era {
  from: number;
  tickMs: number;
}
/** A control move from `from` on: a fixed price (held) or a factor on the seeded wave. */
interface Move {
  from: number;
  pinned?: Decimal;
  factor?: Decimal;
}

export const TAPE_LENGTH = 80;
export const MIN_TICK_MS = 50;
export const DEFAULT_TICK_MS = 10_000;
const INSTRUMENTS = [...ANY_INSTRUMENT_BY_CODE.values()];

function lastBefore<T extends { from: number }>(list: T[], t: number): T | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (list[i]!.from <= t) return list[i];
  return undefined;
}

export class LiveMarket implements PriceSource {
  private readonly eras: Era[];
  private readonly moves = new Map<string, Move[]>();
  private readonly tapes = new Map<string, TapeTrade[]>();
  private readonly listeners = new Set<(trades: TapeTrade[]) => void>();
  private lastTick: number;
  private timer?: NodeJS.Timeout;
  private sequence = 1;
  /** Ticks pushed since start (benchmarks read it). */
  ticks = 0;

  constructor(
    readonly seed: string,
    readonly now: () => number,
    tickMs = DEFAULT_TICK_MS,
  ) {
    this.eras = [{ from: Number.NEGATIVE_INFINITY, tickMs: LiveMarket.checkTick(tickMs) }];
    const start = Math.floor(now() / tickMs) * tickMs;
    this.lastTick = start;
    for (let k = TAPE_LENGTH - 1; k >= 0; k--) this.record(INSTRUMENTS.map((i) => this.trade(i, start - k * tickMs)));
  }

  private static checkTick(ms: number): number {
    if (!Number.isInteger(ms) || ms < MIN_TICK_MS)
      throw new Error(`the tick must be a whole number ≥ ${MIN_TICK_MS} ms`);
    return ms;
  }

  get tickMs(): number {
    return this.eras[this.eras.length - 1]!.tickMs;
  }

  /** The market price at a time (the wave at that time's tick rate, then the moves). */
  price(inst: InstrumentDef, timeMs: number, bucketMs?: number): Decimal {
    const era = lastBefore(this.eras, timeMs) ?? this.eras[0]!;
    const base = priceAt(this.seed, inst, timeMs, bucketMs ?? era.tickMs);
    const move = lastBefore(this.moves.get(inst.code) ?? [], timeMs);
    if (!move) return base;
    if (move.pinned) return move.pinned;
    return base.mul(move.factor!).toDecimalPlaces(inst.marketPrecision, Decimal.ROUND_HALF_UP);
  }

  /** The last trades of an instrument, oldest first (at most 80). */
  tape(code: string): TapeTrade[] {
    return [...(this.tapes.get(code) ?? [])];
  }

  onTrades(listener: (trades: TapeTrade[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** From now on, tick every `ms` (prices change at each tick). */
  setTickMs(ms: number) {
    LiveMarket.checkTick(ms);
    const now = this.now();
    this.pump();
    this.eras.push({ from: now, tickMs: ms });
    this.lastTick = now;
    if (this.timer) this.start();
  }

  /**
   * Moves an instrument's price now: to `price`, or by `percent`. `hold` keeps it there until the
   * next move or release; otherwise the seeded wave carries on from the new level. Trades at once.
   */
  move(code: string, to: { price?: string; percent?: string; hold?: boolean }): TapeTrade {
    const inst = ANY_INSTRUMENT_BY_CODE.get(code);
    if (!inst) throw new Error(`unknown instrument ${code}`);
    this.pump();
    const now = this.now();
    const current = this.price(inst, now);
    const target = (
      to.price !== undefined ? new Decimal(to.price) : current.mul(new Decimal(100).add(to.percent ?? "0").div(100))
    ).toDecimalPlaces(inst.marketPrecision, Decimal.ROUND_HALF_UP);
    if (!target.gt(0)) throw new Error("the price must be above zero");
    const list = this.moves.get(code) ?? [];
    const base = priceAt(this.seed, inst, now, this.tickMs);
    list.push(to.hold === false ? { from: now, factor: target.div(base) } : { from: now, pinned: target });
    this.moves.set(code, list);
    return this.emit([this.trade(inst, now, this.sequence)])[0]!;
  }

  /** Ends the moves of one instrument (or all): the seeded wave again, from now on. */
  release(code?: string) {
    const now = this.now();
    for (const inst of INSTRUMENTS) {
      if (code && inst.code !== code) continue;
      const list = this.moves.get(inst.code);
      if (list?.length) list.push({ from: now, factor: new Decimal(1) });
    }
  }

  /** Pushes every tick due by now (at most a tape's length after a long stall), oldest first. */
  pump() {
    const now = this.now();
    const ms = this.tickMs;
    let next = (Math.floor(this.lastTick / ms) + 1) * ms;
    if (next > now) return;
    const due = Math.floor((now - next) / ms) + 1;
    if (due > TAPE_LENGTH) next += (due - TAPE_LENGTH) * ms;
    for (; next <= now; next += ms) {
      this.lastTick = next;
      this.ticks++;
      this.emit(INSTRUMENTS.map((i) => this.trade(i, next)));
    }
  }

  start() {
    this.stop();
    const schedule = () => {
      const ms = this.tickMs;
      const next = (Math.floor(this.lastTick / ms) + 1) * ms;
      this.timer = setTimeout(
        () => {
          this.pump();
          schedule();
        },
        Math.max(1, Math.min(next - this.now(), ms)),
      );
      this.timer.unref();
    };
    schedule();
  }

  stop() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private emit(trades: TapeTrade[]): TapeTrade[] {
    this.record(trades);
    for (const l of this.listeners) l(trades);
    return trades;
  }

  private record(trades: TapeTrade[]) {
    for (const t of trades) {
      const tape = this.tapes.get(t.instrument) ?? [];
      tape.push(t);
      if (tape.length > TAPE_LENGTH) tape.shift();
      this.tapes.set(t.instrument, tape);
    }
  }

  /** The trade of an instrument at a time: size, side and the sub-millisecond part are seeded. */
  private trade(inst: InstrumentDef, timeMs: number, salt: number = 0): TapeTrade {
    const h = hashSeed(`${this.seed}:${inst.code}:trade:${timeMs}:${salt}`);
    const price = this.price(inst, timeMs);
    const amount = new Decimal(1 + (h % 97)).div(new Decimal(10).pow(Math.min(inst.amountPrecision, 3)));
    const top = topOfBook(inst, price);
    return {
      instrument: inst.code,
      timeMs,
      timeNs: BigInt(timeMs) * 1_000_000n + BigInt((h >>> 7) % 1_000_000),
      price: price.toFixed(inst.marketPrecision),
      amount: amount.toFixed(inst.amountPrecision),
      volume: amount.mul(price).toFixed(CURRENCY_PRECISION.get(inst.quote) ?? 8),
      takerSide: (h >>> 3) & 1 ? "BUY" : "SELL",
      bestBid: top.bid.toFixed(inst.marketPrecision),
      bestAsk: top.ask.toFixed(inst.marketPrecision),
      sequence: this.sequence++,
    };
  }
}
