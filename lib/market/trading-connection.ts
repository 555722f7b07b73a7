// One Trade key's authenticated TRADING connection to One Trading Fast. Contract: every upgrade
// takes a connection from the gate's connection budget first (shared with the market stream);
// the key's plaintext is asked for on each (re)connect through `withToken` (lib/keys/credentials
// on the leader's side), used for the one AUTHENTICATE frame inside that callback, and kept
// nowhere. A refusal by the exchange (authentication failed: a Read-only or revoked key) or by
// the vault (stopped, deleted) ends the connection for good: the key stays on REST. Reconnects
// back off with jitter; a ping and a silence watchdog end a stalled connection.
import "server-only";
import { EventEmitter } from "node:events";
import WebSocket from "ws";
import { backoffMs } from "./connection";
import { parseTradingMessage, TRADING_SUBSCRIBE, type TradingUpdate } from "./trading-wire";

export interface TradingConnectionOptions {
  url: string;
  /** Hands the key's token to `use` for the AUTHENTICATE frame; rejects when the key may not be opened. */
  withToken: (use: (token: string) => Promise<void>) => Promise<void>;
  takeConnection: () => Promise<number | null>;
  refused: (ms: number) => Promise<void>;
  staleAfterMs: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  logger?: { warn: (o: object, m: string) => void };
}

export interface TradingConnectionEvents {
  update: [update: TradingUpdate];
  state: [healthy: boolean];
  /** The exchange or the vault refused the key: the connection is over (reason: a code, never a secret). */
  refused: [reason: string];
}

export class TradingConnection extends EventEmitter<TradingConnectionEvents> {
  private ws: WebSocket | null = null;
  private running = false;
  private attempt = 0;
  private retry: NodeJS.Timeout | null = null;
  private pinger: NodeJS.Timeout | null = null;
  private lastHeardAt = 0;
  private healthyNow = false;
  /** Upgrades tried (tests read it). */
  upgrades = 0;

  constructor(private readonly opts: TradingConnectionOptions) {
    super();
  }

  get healthy(): boolean {
    return this.healthyNow;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  /** Closes the connection at once and for good (a stop, a delete, no viewer left, leadership lost). */
  stop(): void {
    this.running = false;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.teardown();
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
      // A polite close: the exchange sees the session end (the socket goes at once either way).
      if (ws.readyState === WebSocket.OPEN) ws.close(1000, "closed");
      else ws.terminate();
    }
    this.setHealthy(false);
  }

  private schedule(ms: number) {
    if (!this.running) return;
    if (this.retry) clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, ms);
    this.retry.unref?.();
  }

  private nextBackoff(): number {
    return backoffMs(this.attempt++, this.opts.backoffBaseMs ?? 500, this.opts.backoffMaxMs ?? 30_000, Math.random);
  }

  private end(reason: string) {
    this.opts.logger?.warn({ reason }, "trading stream: the key was refused, it stays on REST");
    this.stop();
    this.emit("refused", reason);
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
    ws.on("unexpected-response", (_req, res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      this.teardown();
      if (status === 429) {
        const ms = Math.max(60_000, this.nextBackoff());
        void this.opts.refused(ms);
        return this.schedule(ms);
      }
      this.schedule(this.nextBackoff());
    });
    ws.on("open", () => {
      this.lastHeardAt = Date.now();
      this.opts
        .withToken(async (token) => {
          if (this.ws === ws && ws.readyState === WebSocket.OPEN)
            ws.send(JSON.stringify({ type: "AUTHENTICATE", api_token: token }));
          return Promise.resolve();
        })
        .catch((err: unknown) => {
          if (this.ws !== ws) return;
          // The vault's refusal names a code (forbidden: stopped; not_found: deleted), never the key.
          const code = err && typeof err === "object" && "code" in err ? String(err.code) : "unavailable";
          this.end(`key_${code}`);
        });
      this.pinger = setInterval(() => this.watch(ws), Math.max(500, Math.floor(this.opts.staleAfterMs / 3)));
      this.pinger.unref?.();
    });
    ws.on("pong", () => {
      this.lastHeardAt = Date.now();
    });
    ws.on("message", (data, isBinary) => {
      if (isBinary || this.ws !== ws) return;
      this.lastHeardAt = Date.now();
      const m = parseTradingMessage(data.toString());
      if (m.kind === "authenticated") ws.send(TRADING_SUBSCRIBE);
      else if (m.kind === "auth_failed") this.end(m.error);
      else if (m.kind === "subscribed" && m.trading) {
        this.attempt = 0;
        this.setHealthy(true);
      } else if (m.kind === "update") this.emit("update", m.update);
      else if (m.kind === "error")
        this.opts.logger?.warn({ error: m.error }, "trading stream: the exchange answered an error");
    });
    ws.on("error", () => undefined);
    ws.on("close", (code) => {
      if (this.ws !== ws) return;
      this.teardown();
      // 1008: the exchange ended the key's session (revoked): no point asking again.
      if (code === 1008) return this.end("session_ended");
      this.schedule(this.nextBackoff());
    });
  }

  private watch(ws: WebSocket) {
    if (this.ws !== ws) return;
    if (Date.now() - this.lastHeardAt > this.opts.staleAfterMs) {
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
