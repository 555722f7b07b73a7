// One budgeted WebSocket to the exchange, reconnecting: the lifecycle the market stream
// (./connection.ts) and a Trade key's TRADING connection (./trading-connection.ts) share. Every
// upgrade takes a connection from the gate's connection budget first (lib/limiter/connections.ts);
// a refused upgrade (HTTP 429) spends the rest of the window for the whole deployment and waits
// it out (Retry-After, else a minute); other failures back off exponentially with jitter. A
// native ping every few seconds and a watchdog on silence (nothing heard for `staleAfterMs`) end
// a stalled connection. The only module that imports `ws` (eslint.config.mjs, SOCKET_ROAD).
import "server-only";
import { EventEmitter } from "node:events";
import WebSocket from "ws";

export interface SocketOptions {
  url: string;
  /** Takes one upgrade from the budget: null when granted, else ms to wait. */
  takeConnection: () => Promise<number | null>;
  /** The exchange refused an upgrade with 429: the budget is spent for this long. */
  refused: (ms: number) => Promise<void>;
  staleAfterMs: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  random?: () => number;
  /** End with a close frame (the exchange sees the session end) rather than dropping the socket. */
  closePolitely?: boolean;
}

/** The wait before reconnect attempt `attempt` (0-based): exponential, capped, "equal jitter" (half fixed, half random). */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(cap / 2 + (cap / 2) * random());
}

/** What a subclass sends and hears on its open socket. */
export interface OpenSocket {
  send(text: string): void;
  readonly open: boolean;
}

export abstract class BudgetedSocket<
  E extends Record<keyof E, unknown[]> & { state: [healthy: boolean] },
> extends EventEmitter<E> {
  private ws: WebSocket | null = null;
  private running = false;
  private attempt = 0;
  private retry: NodeJS.Timeout | null = null;
  private pinger: NodeJS.Timeout | null = null;
  private lastHeardAt = 0;
  private healthyNow = false;
  /** Upgrades tried (granted by the budget) and upgrades refused by the exchange: benchmarks and tests read them. */
  upgrades = 0;
  refusals = 0;
  /** When the next upgrade attempt is due (epoch ms), or null when none is scheduled. */
  retryAt: number | null = null;

  constructor(private readonly socketOpts: SocketOptions) {
    super();
  }

  get healthy(): boolean {
    return this.healthyNow;
  }

  /** The socket's first moment open (send the subscription or the authentication). */
  protected abstract opened(socket: OpenSocket): void;
  /** A text frame. */
  protected abstract heard(socket: OpenSocket, text: string): void;
  /** The upgrade was refused with 429 and the wait is `ms` (logging, events). */
  protected refusedUpgrade(_status: number, _ms: number): void {}
  /** The socket closed with `code`: true when it must not reconnect (the subclass ends it). */
  protected closedForGood(_code: number): boolean {
    return false;
  }
  /** The socket was found silent and is being dropped. */
  protected silent(_silentMs: number): void {}
  /** After any teardown (the subclass forgets its per-connection state). */
  protected reset(): void {}

  protected get isRunning(): boolean {
    return this.running;
  }

  /** The open socket, for a later send (null while none is open). */
  protected get current(): OpenSocket | null {
    const ws = this.ws;
    return ws && ws.readyState === WebSocket.OPEN ? this.handle(ws) : null;
  }

  protected begin(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
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

  protected setHealthy(h: boolean): void {
    if (h === this.healthyNow) return;
    this.healthyNow = h;
    (this.emit as (event: "state", healthy: boolean) => boolean)("state", h);
  }

  /** The connection works again (prices or a subscription arrived): backoff starts over. */
  protected recovered(): void {
    this.attempt = 0;
  }

  /** `ws` as its subclass sees it: open only while it is still this connection's socket. */
  private handle(ws: WebSocket): OpenSocket {
    const isOpen = () => this.ws === ws && ws.readyState === WebSocket.OPEN;
    return {
      send: (text) => {
        if (isOpen()) ws.send(text);
      },
      get open() {
        return isOpen();
      },
    };
  }

  private teardown() {
    if (this.pinger) clearInterval(this.pinger);
    this.pinger = null;
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.removeAllListeners();
      ws.on("error", () => undefined);
      if (this.socketOpts.closePolitely && ws.readyState === WebSocket.OPEN) ws.close(1000, "closed");
      else ws.terminate();
    }
    this.reset();
    this.setHealthy(false);
  }

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
    const o = this.socketOpts;
    return backoffMs(this.attempt++, o.backoffBaseMs ?? 500, o.backoffMaxMs ?? 30_000, o.random ?? Math.random);
  }

  private async connect(): Promise<void> {
    if (!this.running || this.ws) return;
    let wait: number | null;
    try {
      wait = await this.socketOpts.takeConnection();
    } catch {
      wait = this.nextBackoff();
    }
    if (wait !== null) return this.schedule(wait);
    if (!this.running) return;
    this.upgrades++;
    const ws = new WebSocket(this.socketOpts.url, { handshakeTimeout: 5_000, perMessageDeflate: false });
    this.ws = ws;
    const socket = this.handle(ws);
    ws.on("unexpected-response", (_req, res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      this.teardown();
      if (status === 429) {
        this.refusals++;
        const header = Number(res.headers["retry-after"]);
        const ms = Math.max(Number.isFinite(header) && header > 0 ? header * 1_000 : 60_000, this.nextBackoff());
        void this.socketOpts.refused(ms);
        this.refusedUpgrade(status, ms);
        return this.schedule(ms);
      }
      this.schedule(this.nextBackoff());
    });
    ws.on("open", () => {
      this.lastHeardAt = Date.now();
      this.opened(socket);
      this.pinger = setInterval(() => this.watch(ws), Math.max(500, Math.floor(this.socketOpts.staleAfterMs / 3)));
      this.pinger.unref?.();
    });
    ws.on("pong", () => {
      this.lastHeardAt = Date.now();
    });
    ws.on("message", (data, isBinary) => {
      if (isBinary || this.ws !== ws) return;
      this.lastHeardAt = Date.now();
      this.heard(socket, data.toString());
    });
    ws.on("error", () => undefined);
    ws.on("close", (code) => {
      if (this.ws !== ws) return;
      this.teardown();
      if (!this.closedForGood(code)) this.schedule(this.nextBackoff());
    });
  }

  /** The ping and the silence watchdog. */
  private watch(ws: WebSocket) {
    if (this.ws !== ws) return;
    const silentMs = Date.now() - this.lastHeardAt;
    if (silentMs > this.socketOpts.staleAfterMs) {
      this.silent(silentMs);
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
