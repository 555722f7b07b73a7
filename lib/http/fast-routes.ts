// The JSON data reads, served without Next's router. Next's per-request machinery costs about
// 1.7 ms before a route handler starts (bench:proxy's "framework floor"), more than half of the
// 3 ms the proxy may add to an exchange call. These routes are the same built handlers from
// app/api, called with the same Request and params Next would pass: route() does every check
// (request id, Origin/Host/size, session, authorization, budget), so nothing is skipped, only
// the router. Anything that isn't a well-formed GET of one of these paths goes to Next as
// before (its 404, 405, HEAD, redirects, pages, actions, Auth.js, exports).
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { gzipSync } from "node:zlib";
import HEADER_VALUES from "@/lib/http/security-headers.json";
import { KEY_ID_IN_URL } from "@/lib/ids";

// As lib/http/route.ts names them (that module is server-only; these are the same global symbols).
const FAST_PATH = Symbol.for("keydesk.fastPath");
const FAST_BODY = Symbol.for("keydesk.fastBody");

// Each handler takes its own params shape; the pattern's named groups supply exactly those.
type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

const KEY = `(?<keyId>${KEY_ID_IN_URL})`;
const ORDER = "(?<orderId>[0-9A-Fa-f-]{36})";

/** Path → the app/api route whose GET answers it. Every path here is also in next.config.js's API headers and outside proxy.ts's matcher (a test keeps them equal). */
export const FAST_ROUTES: { pattern: RegExp; route: string }[] = [
  { pattern: new RegExp(`^/api/keys/${KEY}/balances$`), route: "api/keys/[keyId]/balances" },
  { pattern: new RegExp(`^/api/keys/${KEY}/portfolio$`), route: "api/keys/[keyId]/portfolio" },
  { pattern: new RegExp(`^/api/keys/${KEY}/fees$`), route: "api/keys/[keyId]/fees" },
  { pattern: new RegExp(`^/api/keys/${KEY}/trading-volume$`), route: "api/keys/[keyId]/trading-volume" },
  { pattern: new RegExp(`^/api/keys/${KEY}/orders$`), route: "api/keys/[keyId]/orders" },
  { pattern: new RegExp(`^/api/keys/${KEY}/orders/${ORDER}$`), route: "api/keys/[keyId]/orders/[orderId]" },
  {
    pattern: new RegExp(`^/api/keys/${KEY}/orders/${ORDER}/trades$`),
    route: "api/keys/[keyId]/orders/[orderId]/trades",
  },
  { pattern: new RegExp(`^/api/keys/${KEY}/trades$`), route: "api/keys/[keyId]/trades" },
  { pattern: /^\/api\/usage$/, route: "api/usage" },
  { pattern: /^\/api\/market\/tickers$/, route: "api/market/tickers" },
  { pattern: /^\/api\/market\/instruments$/, route: "api/market/instruments" },
  { pattern: /^\/api\/market\/currencies$/, route: "api/market/currencies" },
];

/** Gives the module of an app route ("api/usage" → its exports). */
export type RouteLoader = (route: string) => Promise<{ GET?: unknown }> | { GET?: unknown };

/**
 * The handlers from Next's build output (`.next/server/app/<route>/route.js`), the very modules
 * Next runs for every other request: one copy of lib/ in the process, so one upstream gate,
 * one database pool, and errors that are what `instanceof` expects. Call after app.prepare().
 */
export function builtRouteLoader(distDir: string): RouteLoader {
  return async (route) => {
    const missing = new Error(`The build has no route module for /${route}: run \`npm run build\` first.`);
    let built: { routeModule?: { ensureUserland?: () => Promise<void>; userland?: { GET?: unknown } } };
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      built = require(path.join(distDir, "server", "app", route, "route.js")) as typeof built;
    } catch (err) {
      if ((err as { code?: unknown }).code === "MODULE_NOT_FOUND") throw missing;
      throw err;
    }
    if (!built.routeModule) throw missing;
    // Next loads a route's own module lazily; this is what it awaits before reading it.
    await built.routeModule.ensureUserland?.();
    if (!built.routeModule.userland) throw missing;
    return built.routeModule.userland;
  };
}

export interface FastMatch {
  handler: Handler;
  params: Record<string, string>;
}

export interface FastPath {
  /** The handler for a well-formed GET of one of the data reads; null for anything else (Next's). */
  match(method: string | undefined, rawUrl: string | undefined): FastMatch | null;
}

export async function createFastPath(load: RouteLoader): Promise<FastPath> {
  const table = await Promise.all(
    FAST_ROUTES.map(async (r) => {
      const GET = (await load(r.route)).GET;
      if (typeof GET !== "function") throw new Error(`/${r.route} has no GET handler.`);
      return { pattern: r.pattern, handler: GET as Handler };
    }),
  );
  return {
    match(method, rawUrl) {
      if (method !== "GET" || !rawUrl?.startsWith("/api/")) return null;
      const q = rawUrl.indexOf("?");
      const pathname = q === -1 ? rawUrl : rawUrl.slice(0, q);
      for (const r of table) {
        const m = r.pattern.exec(pathname);
        if (m) return { handler: r.handler, params: { ...m.groups } };
      }
      return null;
    },
  };
}

export interface FastOptions {
  production: boolean;
  /** Compress answers over this size when the client accepts gzip (Next's own default threshold). */
  compressAbove?: number;
}

function headersOf(req: IncomingMessage): Headers {
  const h = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      h.append(raw[i]!, raw[i + 1]!);
    } catch {
      // a header value the fetch API refuses: dropped, as Next's adapter does
    }
  }
  return h;
}

const API_HEADERS = Object.entries({ ...HEADER_VALUES.everyAnswer, ...HEADER_VALUES.apiOnly });

/** Serves one matched request. Never throws: route() answers every error itself, and anything else is a plain 500. */
export async function serveFast(
  req: IncomingMessage,
  res: ServerResponse,
  match: FastMatch,
  opts: FastOptions,
): Promise<void> {
  let status = 500;
  let headers: [string, string][] = [];
  let body: Buffer | undefined;
  try {
    let host = req.headers.host ?? "localhost";
    if (!/^[A-Za-z0-9.:[\]-]+$/.test(host)) host = "localhost";
    const request = new Request(`http://${host}${req.url}`, { method: "GET", headers: headersOf(req) });
    Object.defineProperty(request, FAST_PATH, { value: true });
    const response = await match.handler(request, { params: Promise.resolve(match.params) as Promise<never> });
    status = response.status;
    headers = [...response.headers.entries()];
    const handed = (response as { [FAST_BODY]?: unknown })[FAST_BODY];
    body = typeof handed === "string" ? Buffer.from(handed) : Buffer.from(await response.arrayBuffer());
  } catch (err) {
    // route() answers every error of the handler itself; this is only the adapter failing
    // (building the Request, reading the Response). Answered and logged like route() would,
    // without the message (it could quote the URL, and a pasted key with it).
    const requestId = randomUUID();
    status = 500;
    headers = [
      ["content-type", "application/json"],
      ["cache-control", "no-store"],
      ["x-request-id", requestId],
    ];
    body = Buffer.from(
      JSON.stringify({
        error: {
          code: "internal",
          message: "Something went wrong on our side. Nothing was lost; please try again.",
          requestId,
        },
      }),
    );
    const pathname = (req.url ?? "").split("?")[0];
    process.stderr.write(
      `${JSON.stringify({ level: 50, time: Date.now(), app: "keydesk", requestId, err: { type: err instanceof Error ? err.name : typeof err }, path: pathname, msg: "fast path failed" })}\n`,
    );
  }
  body ??= Buffer.alloc(0);
  for (const [k, v] of API_HEADERS) res.setHeader(k, v);
  if (opts.production) res.setHeader("Strict-Transport-Security", HEADER_VALUES.hsts);
  for (const [k, v] of headers) res.setHeader(k, v);
  res.setHeader("vary", "Accept-Encoding");
  if (body.length > (opts.compressAbove ?? 1024) && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
    body = gzipSync(body);
    res.setHeader("content-encoding", "gzip");
  }
  res.setHeader("content-length", body.length);
  res.writeHead(status);
  res.end(body);
}
