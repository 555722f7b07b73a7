// The simulator's WebSocket server (its own port beside the REST API): upgrades by path
// (/fast → One Trading Fast, /bitpanda → Bitpanda Pro, / → the simulator's dialect), at most
// 30 accepted connections a rolling minute per client address (then HTTP 429 on upgrade, as the
// exchange), heartbeats, and the market's ticks fanned out to every session. The control API
// drops connections, stalls heartbeats and refuses upgrades through it.
import http from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { SimState } from "../state";
import type { Dialect } from "../dialect";
import type { TapeTrade } from "../live-market";
import { clientIpOf } from "../server";
import { Books, type BookChange } from "./books";
import { FastSession } from "./fast";
import { BitpandaSession } from "./bitpanda";

export interface WsOptions {
  trustClientIpHeader: boolean;
  /** Accepted upgrades per client address per rolling minute (the exchange: 30). */
  connectionsPerMinute?: number;
  /** How often the server sends HEARTBEAT (ms). */
  heartbeatMs?: number;
}

/** What a session needs from the hub. */
export interface SessionContext {
  readonly state: SimState;
  readonly books: Books;
  readonly clientIp: string;
  send(text: string): void;
  /** Market data is held back while the control API stalls the connection entirely. */
  dataStalled(): boolean;
}

export interface Session {
  handle(message: unknown): Promise<void>;
  malformed(): void;
  trades(batch: TapeTrade[], changes: Map<string, BookChange[]>): void;
  heartbeat(): void;
  accountTouched(accountId: string): void;
  /** The id (jti) of the key this session authenticated with. */
  keyId(): string | undefined;
  /** The accounts whose private channel this session follows. */
  watching(): string[];
  close(): void;
}

interface Conn {
  socket: WebSocket;
  session: Session;
  dialect: Dialect;
  ip: string;
}

const WINDOW_MS = 60_000;

export class WsHub {
  private readonly wss = new WebSocketServer({ noServer: true, autoPong: false, maxPayload: 64 * 1024 });
  private readonly conns = new Set<Conn>();
  private readonly upgrades = new Map<string, number[]>();
  readonly books: Books;
  private heartbeatTimer?: NodeJS.Timeout;
  private stalledUntil = 0;
  private stallData = false;
  refuseAll = false;
  readonly stats = { accepted: 0, refused429: 0, dropped: 0, heartbeats: 0, messages: 0, maxPerMinute: 0 };
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly state: SimState,
    private readonly opts: WsOptions,
    private readonly primary: Dialect,
  ) {
    this.books = new Books((code) => state.market.tape(code));
    this.unsubscribe.push(
      state.market.onTrades((batch) => this.fanOut(batch)),
      state.onAccountTouched((id) => {
        for (const c of this.conns) c.session.accountTouched(id);
      }),
    );
    this.setHeartbeatMs(opts.heartbeatMs ?? 5_000);
  }

  get heartbeatMs(): number {
    return this.opts.heartbeatMs ?? 5_000;
  }

  setHeartbeatMs(ms: number) {
    if (!Number.isInteger(ms) || ms < 10) throw new Error("the heartbeat interval must be a whole number ≥ 10 ms");
    this.opts.heartbeatMs = ms;
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = setInterval(() => this.beat(), ms);
    this.heartbeatTimer.unref();
  }

  private stalled(): boolean {
    return this.state.now() < this.stalledUntil;
  }

  /** No heartbeats and no pongs (and, with `data`, no market data) for `ms`, or until resumed. */
  stall(ms: number | undefined, data = false) {
    this.stalledUntil = ms === undefined ? Number.POSITIVE_INFINITY : this.state.now() + ms;
    this.stallData = data;
  }

  resume() {
    this.stalledUntil = 0;
    this.stallData = false;
  }

  private beat() {
    if (this.stalled()) return;
    for (const c of this.conns) c.session.heartbeat();
    if (this.conns.size) this.stats.heartbeats++;
  }

  private fanOut(batch: TapeTrade[]) {
    const changes = this.books.apply(batch);
    for (const c of this.conns) c.session.trades(batch, changes);
    // Resting orders the market crossed fill now, and their account events follow.
    const watched = new Set<string>();
    for (const c of this.conns) for (const id of c.session.watching()) watched.add(id);
    for (const id of watched) {
      this.state.account(id);
      this.state.touched(id);
    }
  }

  /** Counts an accepted upgrade from an address; false when the minute's 30 are used. */
  private admit(ip: string): boolean {
    const now = this.state.now();
    const times = (this.upgrades.get(ip) ?? []).filter((t) => t > now - WINDOW_MS);
    if (times.length >= (this.opts.connectionsPerMinute ?? 30)) {
      this.upgrades.set(ip, times);
      return false;
    }
    times.push(now);
    this.upgrades.set(ip, times);
    this.stats.maxPerMinute = Math.max(this.stats.maxPerMinute, times.length);
    return true;
  }

  /** Forgets the upgrade counts (tests; the exchange's window would take a minute). */
  resetLimits() {
    this.upgrades.clear();
  }

  /** Closes every connection (code 1001 "going away", or abruptly without a close frame). */
  drop(how: "close" | "terminate" = "terminate", dialect?: Dialect): number {
    let n = 0;
    for (const c of [...this.conns]) {
      if (dialect && c.dialect !== dialect) continue;
      n++;
      if (how === "close") c.socket.close(1001, "going away");
      else c.socket.terminate();
    }
    this.stats.dropped += n;
    return n;
  }

  /** A revoked key's authenticated connections end (policy violation, 1008). */
  revokeKey(jti: string): number {
    let n = 0;
    for (const c of this.conns)
      if (c.session.keyId() === jti) {
        n++;
        c.socket.close(1008, "APIKEY_REVOKED");
      }
    return n;
  }

  snapshot() {
    const now = this.state.now();
    const perIp: Record<string, number> = {};
    for (const [ip, times] of this.upgrades) perIp[ip] = times.filter((t) => t > now - WINDOW_MS).length;
    return {
      ...this.stats,
      open: this.conns.size,
      openByDialect: {
        bitpanda: [...this.conns].filter((c) => c.dialect === "bitpanda").length,
        fast: [...this.conns].filter((c) => c.dialect === "fast").length,
      },
      upgradesThisMinute: perIp,
      refuseAll: this.refuseAll,
      stalled: this.stalled(),
      heartbeatMs: this.heartbeatMs,
      tickMs: this.state.market.tickMs,
    };
  }

  private refuse(socket: Duplex, status: number, body: unknown) {
    const text = JSON.stringify(body);
    const reason = status === 429 ? "Too Many Requests" : "Not Found";
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
    );
  }

  handleUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer) {
    const path = new URL(req.url ?? "/", "ws://simulator").pathname.replace(/\/+$/, "");
    const dialect: Dialect | undefined =
      path === "" ? this.primary : path === "/fast" ? "fast" : path === "/bitpanda" ? "bitpanda" : undefined;
    if (!dialect) return this.refuse(socket, 404, { error: "NOT_FOUND" });
    const ip = clientIpOf(req, this.opts.trustClientIpHeader);
    if (this.refuseAll || !this.admit(ip)) {
      this.stats.refused429++;
      return this.refuse(socket, 429, { error: "RATELIMIT" });
    }
    this.stats.accepted++;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, dialect, ip));
  }

  private accept(socket: WebSocket, dialect: Dialect, ip: string) {
    const ctx: SessionContext = {
      state: this.state,
      books: this.books,
      clientIp: ip,
      send: (text) => {
        if (socket.readyState !== socket.OPEN) return;
        this.stats.messages++;
        socket.send(text);
      },
      dataStalled: () => this.stallData && this.stalled(),
    };
    const session = dialect === "fast" ? new FastSession(ctx) : new BitpandaSession(ctx);
    const conn: Conn = { socket, session, dialect, ip };
    this.conns.add(conn);
    socket.on("ping", (data) => {
      if (!this.stalled()) socket.pong(data);
    });
    socket.on("message", (raw, isBinary) => {
      let message: unknown;
      try {
        message = JSON.parse(isBinary ? "" : (raw as Buffer).toString("utf8"));
      } catch {
        return session.malformed();
      }
      void session.handle(message).catch((err) => {
        console.error("[simulator] websocket session error", err);
      });
    });
    socket.on("close", () => {
      this.conns.delete(conn);
      session.close();
    });
    socket.on("error", () => socket.terminate());
  }

  close() {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    for (const u of this.unsubscribe) u();
    for (const c of this.conns) c.socket.terminate();
    this.wss.close();
  }
}

/** The WebSocket port's HTTP server: upgrades only (a plain request gets 426). */
export function createWsServer(hub: WsHub): http.Server {
  const server = http.createServer((_req, res) => {
    res.writeHead(426, { "content-type": "application/json" }).end(JSON.stringify({ error: "UPGRADE_REQUIRED" }));
  });
  server.on("upgrade", (req, socket, head) => hub.handleUpgrade(req, socket, head));
  return server;
}
