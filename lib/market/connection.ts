// The leader's one WebSocket to the exchange's market stream, on the shared budgeted,
// reconnecting socket (./socket.ts: the budget, 429 handling, backoff, ping and silence
// watchdog). After each (re)connect the subscription is sent again and the next prices are the
// truth (./book.ts); it is healthy once prices flow (or heartbeats after the first prices).
import "server-only";
import type { Dialect } from "@/lib/exchange/dialect";
import { BudgetedSocket, type OpenSocket, type SocketOptions } from "./socket";
import { parseMarketMessage, subscribeMessage, canUpdateSubscription, type PriceUpdate } from "./wire";

export { backoffMs } from "./socket";

export interface ConnectionOptions extends Omit<SocketOptions, "closePolitely"> {
  dialect: Dialect;
  logger?: { warn: (o: object, m: string) => void; info: (o: object, m: string) => void };
}

export interface ConnectionEvents {
  prices: [updates: PriceUpdate[], first: boolean];
  state: [healthy: boolean];
  refused: [status: number, waitMs: number];
}

export class MarketConnection extends BudgetedSocket<ConnectionEvents> {
  private instruments: string[] = [];
  private subscribed = false;
  private awaitingFirst = true;

  constructor(private readonly opts: ConnectionOptions) {
    super(opts);
  }

  start(instruments: string[]): void {
    this.instruments = [...instruments];
    this.begin();
  }

  /** A different set of instruments: an update where the dialect has one, else a new subscription. */
  setInstruments(instruments: string[]): void {
    const next = [...new Set(instruments)].sort();
    if (next.join(",") === [...this.instruments].sort().join(",")) return;
    const added = next.some((i) => !this.instruments.includes(i));
    this.instruments = next;
    const socket = this.current;
    if (!socket || !next.length) return;
    if (added || !canUpdateSubscription(this.opts.dialect))
      socket.send(subscribeMessage(this.opts.dialect, next, canUpdateSubscription(this.opts.dialect)));
  }

  protected opened(socket: OpenSocket): void {
    this.awaitingFirst = true;
    if (this.instruments.length) socket.send(subscribeMessage(this.opts.dialect, this.instruments));
  }

  protected heard(_socket: OpenSocket, text: string): void {
    const m = parseMarketMessage(this.opts.dialect, text);
    if (m.kind === "subscribed") this.subscribed = true;
    else if (m.kind === "error")
      this.opts.logger?.warn({ error: m.error }, "market stream: the exchange answered an error");
    else if (m.kind === "prices" && m.updates.length) {
      this.subscribed = true;
      this.recovered(); // a connection that delivers prices has recovered
      const first = this.awaitingFirst;
      this.awaitingFirst = false;
      this.emit("prices", m.updates, first);
      this.setHealthy(true);
    }
    if (m.kind === "heartbeat" && this.subscribed && !this.awaitingFirst) this.setHealthy(true);
  }

  protected refusedUpgrade(status: number, ms: number): void {
    this.emit("refused", status, ms);
    this.opts.logger?.warn({ status, waitMs: ms }, "market stream: the exchange refused the upgrade");
  }

  protected silent(silentMs: number): void {
    this.opts.logger?.warn({ silentMs }, "market stream: silent, reconnecting");
  }

  protected reset(): void {
    this.subscribed = false;
  }
}
