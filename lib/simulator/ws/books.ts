// The order books the WebSocket streams: the same levels as the REST order book (./market.ts
// bookSide around the market's best bid and ask), 16 a side, and the changes between two ticks
// as ORDER_BOOK_UPDATE carries them ([side, price, amount], amount "0" removes a level).
import { ANY_INSTRUMENT_BY_CODE, bookSide } from "../market";
import type { TapeTrade } from "../live-market";

export const BOOK_DEPTH = 16;

export type Level = [price: string, amount: string];
export interface Book {
  asks: Level[];
  bids: Level[];
}
export type BookChange = [side: "BUY" | "SELL", price: string, amount: string];

function levels(code: string, bestBid: string, bestAsk: string): Book {
  const inst = ANY_INSTRUMENT_BY_CODE.get(code)!;
  const pairs = (side: { price: string; amount: string }[]) => side.map((l): Level => [l.price, l.amount]);
  return {
    asks: pairs(bookSide(inst, bestAsk, 1, BOOK_DEPTH)),
    bids: pairs(bookSide(inst, bestBid, -1, BOOK_DEPTH)),
  };
}

function diff(side: "BUY" | "SELL", before: Level[], after: Level[]): BookChange[] {
  const old = new Map(before);
  const now = new Map(after);
  const out: BookChange[] = [];
  for (const [price] of before) if (!now.has(price)) out.push([side, price, "0"]);
  for (const [price, amount] of after) if (old.get(price) !== amount) out.push([side, price, amount]);
  return out;
}

export class Books {
  private readonly books = new Map<string, Book>();

  constructor(tapes: (code: string) => TapeTrade[]) {
    for (const code of ANY_INSTRUMENT_BY_CODE.keys()) {
      const last = tapes(code).at(-1);
      if (last) this.books.set(code, levels(code, last.bestBid, last.bestAsk));
    }
  }

  book(code: string): Book | undefined {
    return this.books.get(code);
  }

  /** Moves the books to the trades' best prices; the changes per instrument (none: not listed). */
  apply(trades: TapeTrade[]): Map<string, BookChange[]> {
    const out = new Map<string, BookChange[]>();
    for (const t of trades) {
      const before = this.books.get(t.instrument) ?? { asks: [], bids: [] };
      const after = levels(t.instrument, t.bestBid, t.bestAsk);
      this.books.set(t.instrument, after);
      const changes = [...diff("SELL", before.asks, after.asks), ...diff("BUY", before.bids, after.bids)];
      if (changes.length) out.set(t.instrument, changes);
    }
    return out;
  }
}
