// The leader's one WebSocket to the exchange's market stream. Every upgrade takes a connection
// from the gate's connection budget first (lib/limiter/connections.ts); reconnects back off
// exponentially with jitter; a refused upgrade (HTTP 429) spends the rest of the window for the
// whole deployment and waits it out. A native ping every few seconds and a watchdog on silence
// (no price, heartbeat or pong for `staleAfterMs`) end a stalled connection. After each
// (re)connect the subscription is sent again and the next prices are the truth (./book.ts).
import "server-only";
import { EventEmitter } from "node:events";
import WebSocket from "ws";
import type { Dialect } from "@/lib/exchange/dialect";
import { parseMarketMessage, subscribeMessage, canUpdateSubscription, type PriceUpdate } from "./wire";

export interface ConnectionOptions {
  url: string;
  dialect: Dialect;
  /** Takes one upgrade from the budget: null when granted, else ms to wait. */
  takeConnection: () => Promise<number | null>;
  /** The exchange refused an upgrade with 429: the budget is spent for this long. */
  refused: (ms: number) => Promise<void>;
  staleAfterMs: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  random?: () => number;
  logger?: { warn: (o: object, m: string) => void; info: (o: object, m: string) => void };
}

/** The wait before reconnect attempt `attempt` (0-based): exponential, capped, "equal jitter" (half fixed, half random). */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(cap / 2 + (cap / 2) * random());
}

export interface ConnectionEvents {
  prices: [updates: PriceUpdate[], first: boolean];
  state: [healthy: boolean];
  refused: [status: number, waitMs: number];
}

export class MarketConnection extends EventEmitter<ConnectionEvents> {
  private ws: WebSocket | null = null;
  private instruments: string[] = [];
  private running = false;
  private attempt = 0;
  private retry: NodeJS.Timeout | null = null;
  private pinger: NodeJS.Timeout | null = null;
  private lastHeardAt = 0;
  private subscribed = false;
  private awaitingFirst = true;
  /** Upgrades tried (granted by the budget) and upgrades refused by the exchange: benchmarks and tests read them. */
  upgrades = 0;
  refusals = 0;
  private healthyNow = false;

  constructor(private readonly opts: ConnectionOptions) {
    super();
  }

  get healthy(): boolean {
    return this.healthyNow;
  }

  start(instruments: string[]): void {
    this.instruments = [...instruments];
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  /** A different set of instruments: an update where the dialect has one, else a new subscription. */
  setInstruments(instruments: string[]): void {
    const next = [...new Set(instruments)].sort();
    if (next.join(",") === [...this.instruments].sort().join(",")) return;
    const added = next.some((i) => !this.instruments.includes(i));
    this.instruments = next;
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN || !next.length) return;
    if (added || !canUpdateSubscription(this.opts.dialect))
      this.ws.send(subscribeMessage(this.opts.dialect, next, canUpdateSubscription(this.opts.dialect)));
  }

  stop(): void {
    this.running = false;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.teardown();
  }

  /** Ends the current connection as if the network dropped it (tests and the benchmark's "dropped stream"). */
  drop(): void {
    this.ws?.terminate();
  }

  private setHealthy(h: boolean) {
    if (h === this.healthyNow) return;
    this.healthyNow = h;
    this.emit("state", h);
  }

  private teardown() {
    if (this.pinger) clearInterval(this.pinger);
    this.pinger = null;
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.removeAllListeners();
      ws.on("error", () => undefined);
      ws.terminate();
    }
    this.subscribed = false;
    this.setHealthy(false);
  }

  /** When the next upgrade attempt is due (epoch ms), or null when none is scheduled. */
  retryAt: number | null = null;

  private schedule(ms: number) {
    if (!this.running) return;
    this.retryAt = Date.now() + ms;
    if (this.retry) clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      this.retry = null;
      this.retryAt = null;
      void this.connect();
    }, ms);
    this.retry.unref?.();
  }

  private nextBackoff(): number {
    const ms = backoffMs(
      this.attempt,
      this.opts.backoffBaseMs ?? 500,
      this.opts.backoffMaxMs ?? 30_000,
      this.opts.random ?? Math.random,
    );
    this.attempt++;
    return ms;
  }

  private async connect(): Promise<void> {
    if (!this.running || this.ws) return;
    let wait: number | null;
    try {
      wait = await this.opts.takeConnection();
    } catch {
      wait = this.nextBackoff();
    }
    if (wait !== null) return this.schedule(wait);
    if (!this.running) return;
    this.upgrades++;
    const ws = new WebSocket(this.opts.url, { handshakeTimeout: 5_000, perMessageDeflate: false });
    this.ws = ws;
    this.awaitingFirst = true;
    ws.on("unexpected-response", (_req, res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      if (status === 429) {
        this.refusals++;
        const header = Number(res.headers["retry-after"]);
        const ms = Math.max(Number.isFinite(header) && header > 0 ? header * 1_000 : 60_000, this.nextBackoff());
        void this.opts.refused(ms);
        this.emit("refused", status, ms);
        this.opts.logger?.warn({ status, waitMs: ms }, "market stream: the exchange refused the upgrade");
        this.teardown();
        return this.schedule(ms);
      }
      this.teardown();
      this.schedule(this.nextBackoff());
    });
    ws.on("open", () => {
      this.lastHeardAt = Date.now();
      if (this.instruments.length) ws.send(subscribeMessage(this.opts.dialect, this.instruments));
      this.pinger = setInterval(() => this.watch(ws), Math.max(500, Math.floor(this.opts.staleAfterMs / 3)));
      this.pinger.unref?.();
    });
    ws.on("pong", () => {
      this.lastHeardAt = Date.now();
    });
    ws.on("message", (data, isBinary) => {
      if (isBinary) return;
      this.lastHeardAt = Date.now();
      const m = parseMarketMessage(this.opts.dialect, data.toString());
      if (m.kind === "subscribed") this.subscribed = true;
      else if (m.kind === "error")
        this.opts.logger?.warn({ error: m.error }, "market stream: the exchange answered an error");
      else if (m.kind === "prices" && m.updates.length) {
        this.subscribed = true;
        this.attempt = 0; // a connection that delivers prices has recovered
        const first = this.awaitingFirst;
        this.awaitingFirst = false;
        this.emit("prices", m.updates, first);
        this.setHealthy(true);
      }
      if (m.kind === "heartbeat" && this.subscribed && !this.awaitingFirst) this.setHealthy(true);
    });
    ws.on("error", () => undefined);
    ws.on("close", () => {
      if (this.ws !== ws) return;
      this.teardown();
      this.schedule(this.nextBackoff());
    });
  }

  /** The ping and the silence watchdog. */
  private watch(ws: WebSocket) {
    if (this.ws !== ws) return;
    if (Date.now() - this.lastHeardAt > this.opts.staleAfterMs) {
      this.opts.logger?.warn({ silentMs: Date.now() - this.lastHeardAt }, "market stream: silent, reconnecting");
      ws.terminate();
      return;
    }
    try {
      ws.ping();
    } catch {
      // closing: the close handler reconnects
    }
  }
}
