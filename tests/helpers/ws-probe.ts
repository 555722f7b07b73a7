// A WebSocket test client: records every message (raw text and parsed) and resolves on the
// next one that matches, so tests wait for messages, never for time. `upgrade` reports the
// HTTP status of a refused upgrade (429) or 101 for an accepted one.
import WebSocket from "ws";

export interface WsMessage {
  raw: string;
  msg: Record<string, unknown>;
}

type Match = (m: Record<string, unknown>, raw: string) => boolean;

interface Waiter {
  match: Match;
  resolve: (m: WsMessage) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

/** The bound on any single wait: a broken server fails the test instead of hanging it. */
const WAIT_BOUND_MS = 15_000;

export class WsProbe {
  readonly messages: WsMessage[] = [];
  private cursor = 0;
  private waiters: Waiter[] = [];
  readonly closed: Promise<{ code: number }>;

  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data) => {
      const raw = (data as Buffer).toString("utf8");
      this.messages.push({ raw, msg: JSON.parse(raw) as Record<string, unknown> });
      this.flush();
    });
    this.closed = new Promise((resolve) => {
      socket.on("close", (code) => {
        for (const w of this.waiters.splice(0)) {
          clearTimeout(w.timer);
          w.reject(new Error(`the socket closed (${code}) while waiting`));
        }
        resolve({ code });
      });
    });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<WsProbe> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      const probe = new WsProbe(socket);
      socket.once("open", () => resolve(probe));
      socket.once("unexpected-response", (_req, res) =>
        reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode })),
      );
      socket.once("error", reject);
    });
  }

  send(message: unknown) {
    this.socket.send(JSON.stringify(message));
  }

  private flush() {
    for (const w of [...this.waiters]) {
      for (let i = this.cursor; i < this.messages.length; i++) {
        const m = this.messages[i]!;
        if (w.match(m.msg, m.raw)) {
          this.cursor = i + 1;
          this.waiters = this.waiters.filter((x) => x !== w);
          clearTimeout(w.timer);
          w.resolve(m);
          break;
        }
      }
    }
  }

  /** The next message after the last one matched (or taken) that satisfies `match`. */
  next(match: Match, what = "a matching message"): Promise<WsMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.timer !== timer);
        reject(new Error(`no ${what} within ${WAIT_BOUND_MS} ms; last: ${this.messages.at(-1)?.raw.slice(0, 300)}`));
      }, WAIT_BOUND_MS);
      this.waiters.push({ match, resolve, reject, timer });
      this.flush();
    });
  }

  /** The messages between the last match and now (for order assertions). */
  since(index: number): WsMessage[] {
    return this.messages.slice(index);
  }

  /** Sends a native ping; resolves on its pong. */
  ping(): Promise<void> {
    return new Promise((resolve) => {
      this.socket.once("pong", () => resolve());
      this.socket.ping();
    });
  }

  close() {
    this.socket.terminate();
  }
}

/** 101 when the upgrade is accepted (the socket is closed again), else the refusal's HTTP status. */
export async function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  try {
    const probe = await WsProbe.open(url, headers);
    probe.close();
    return 101;
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === undefined) throw err;
    return status;
  }
}

/** The digits of a bare JSON integer field in a raw message, exactly (no JS number in between). */
export function rawInteger(raw: string, field: string): bigint {
  const m = new RegExp(`"${field}":(\\d+)[,}]`).exec(raw);
  if (!m?.[1]) throw new Error(`no integer "${field}" in ${raw.slice(0, 200)}`);
  return BigInt(m[1]);
}
