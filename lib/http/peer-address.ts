// The connection's address, handed from Keydesk's own HTTP server (bin/start.ts) to
// the handlers it calls, both Next's routing and the fast path. Next itself only sets
// X-Forwarded-For from the socket when the client sent none (`??=`), so that header cannot
// tell a client from its own claim. The server stamps the socket address on every request
// under a header name drawn at random per process: no client can know it, so none can forge it.
// Not server-only: the custom server (plain tsx, no react-server condition) imports it.
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";

const SLOT = Symbol.for("keydesk.peerHeaderName");
const holder = globalThis as unknown as Record<symbol, string | undefined>;

/** The header our server stamps the socket address under, or null when something else serves the app (next dev). */
export function peerHeaderName(): string | null {
  return holder[SLOT] ?? null;
}

/** Called once by the custom server before it serves anything. */
export function enablePeerHeader(): string {
  holder[SLOT] ??= `x-keydesk-peer-${randomBytes(16).toString("hex")}`;
  return holder[SLOT];
}

/** IPv4 clients on a dual-stack socket appear as ::ffff:a.b.c.d: one address, one spelling. */
export function normalizeIp(ip: string): string {
  const trimmed = ip.trim().replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return (mapped ? mapped[1]! : trimmed).toLowerCase();
}

/** Writes the socket's address into the request, where Next's adapter (headers) and the fast path (rawHeaders) both read it. */
export function stampPeer(req: IncomingMessage): void {
  const name = enablePeerHeader();
  const ip = normalizeIp(req.socket.remoteAddress ?? "unknown");
  req.headers[name] = ip;
  req.rawHeaders.push(name, ip);
}
