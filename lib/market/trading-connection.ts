// One Trade key's authenticated TRADING connection to One Trading Fast, on the shared budgeted,
// reconnecting socket (./socket.ts: the budget, shared with the market stream, 429 handling,
// backoff, ping and silence watchdog). Contract: the key's plaintext is asked for on each
// (re)connect through `withToken` (lib/keys/credentials on the leader's side), used for the one
// AUTHENTICATE frame inside that callback, and kept nowhere. A refusal by the exchange
// (authentication failed: a Read-only or revoked key) or by the vault (stopped, deleted) ends the
// connection for good: the key stays on REST.
import "server-only";
import { BudgetedSocket, type OpenSocket, type SocketOptions } from "./socket";
import { parseTradingMessage, TRADING_SUBSCRIBE, type TradingUpdate } from "./trading-wire";

export interface TradingConnectionOptions extends Omit<SocketOptions, "closePolitely" | "random"> {
  /** Hands the key's token to `use` for the AUTHENTICATE frame; rejects when the key may not be opened. */
  withToken: (use: (token: string) => Promise<void>) => Promise<void>;
  logger?: { warn: (o: object, m: string) => void };
}

export interface TradingConnectionEvents {
  update: [update: TradingUpdate];
  state: [healthy: boolean];
  /** The exchange or the vault refused the key: the connection is over (reason: a code, never a secret). */
  refused: [reason: string];
}

export class TradingConnection extends BudgetedSocket<TradingConnectionEvents> {
  constructor(private readonly opts: TradingConnectionOptions) {
    // A polite close: the exchange sees the session end (the socket goes at once either way).
    super({ ...opts, closePolitely: true });
  }

  start(): void {
    this.begin();
  }

  protected opened(socket: OpenSocket): void {
    this.opts
      .withToken(async (token) => {
        if (socket.open) socket.send(JSON.stringify({ type: "AUTHENTICATE", api_token: token }));
        return Promise.resolve();
      })
      .catch((err: unknown) => {
        if (!socket.open) return;
        // The vault's refusal names a code (forbidden: stopped; not_found: deleted), never the key.
        const code = err && typeof err === "object" && "code" in err ? String(err.code) : "unavailable";
        this.end(`key_${code}`);
      });
  }

  protected heard(socket: OpenSocket, text: string): void {
    const m = parseTradingMessage(text);
    if (m.kind === "authenticated") socket.send(TRADING_SUBSCRIBE);
    else if (m.kind === "auth_failed") this.end(m.error);
    else if (m.kind === "subscribed" && m.trading) {
      this.recovered();
      this.setHealthy(true);
    } else if (m.kind === "update") this.emit("update", m.update);
    else if (m.kind === "error")
      this.opts.logger?.warn({ error: m.error }, "trading stream: the exchange answered an error");
  }

  /** 1008: the exchange ended the key's session (revoked): no point asking again. */
  protected closedForGood(code: number): boolean {
    if (code !== 1008) return false;
    this.end("session_ended");
    return true;
  }

  private end(reason: string) {
    this.opts.logger?.warn({ reason }, "trading stream: the key was refused, it stays on REST");
    this.stop();
    this.emit("refused", reason);
  }
}
