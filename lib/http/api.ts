// The data API as one small router (Hono), built from one table (app/api/_routes): every
// consumer derives from it. Next serves it through its one catch-all route
// (app/api/[...path]/route.ts), `npm start` serves it directly with @hono/node-server in front
// of Next's request handler (bin/start.ts), /metrics labels its requests by its patterns.
// Every answer it gives, its 404 and 405 included, carries the API security headers;
// proxy.ts's matcher leaves the API's addresses to it. Each handler runs inside runRoute()
// (request id, Origin/Host/size checks, the session's cookies, errors as JSON).
import "server-only";
import { Hono } from "hono";
import { compress } from "hono/compress";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { KEY_ID_IN_URL } from "@/lib/ids";
import { errorResponse, runRoute, type RouteHandler } from "@/lib/http/route";
import { apiHeaderValues } from "@/lib/http/security-headers";

export interface ApiRoute {
  /** Hono's pattern: `/api/keys/:keyId/balances`. */
  path: `/api/${string}`;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each handler takes its own params shape
  GET: RouteHandler<any>;
}

/**
 * A handler whose module loads on its first request: the table (app/api/_routes) can then be
 * read for its paths by a program outside Next (the browser tests' route list), which cannot
 * load the handlers' session code (next/navigation needs Next's own React).
 */
export function lazyHandler<M, P>(load: () => Promise<M>, pick: (m: M) => RouteHandler<P>): RouteHandler<P> {
  let handler: Promise<RouteHandler<P>> | undefined;
  return async (ctx) => (await (handler ??= load().then(pick)))(ctx);
}

/**
 * What a well-formed parameter looks like. Only a request whose every parameter has this shape
 * is served directly by `npm start`; anything else goes through Next (whose catch-all runs the
 * same table, and the handler refuses the value as it always did).
 */
const PARAM_SHAPES: Record<string, string> = { keyId: KEY_ID_IN_URL, orderId: "[0-9A-Fa-f-]{36}" };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function compile(path: string, param: (name: string) => string): RegExp {
  const source = path
    .split(/(:[A-Za-z]+)/)
    .map((part) => (part.startsWith(":") ? param(part.slice(1)) : escape(part)))
    .join("");
  return new RegExp(`^${source}$`);
}

export interface Api {
  /** The router: `fetch(Request)` answers any request under /api/ (Auth.js's excepted). */
  app: Hono;
  /** True for a well-formed GET of a route in the table: `npm start` serves it without Next. */
  direct(method: string | undefined, rawUrl: string | undefined): boolean;
  /** The route pattern of a path for metrics (`/api/keys/[keyId]/balances`), null if not the table's. */
  routeOf(pathname: string): string | null;
}

const ALLOW = "GET, HEAD, OPTIONS";

const notFound: RouteHandler<unknown> = async () => {
  throw new AppError("not_found", "error.noEndpoint");
};

/** The API security headers on every answer (the handler's own headers win). */
function apiHeaders(res: Response, production: boolean): void {
  const values = apiHeaderValues(production);
  try {
    for (const [k, v] of Object.entries(values)) if (!res.headers.has(k)) res.headers.set(k, v);
  } catch {
    // a Response with immutable headers keeps its own
  }
}

export interface ApiOptions {
  /** Whether HSTS goes out (the running settings' NODE_ENV unless told). */
  production?: () => boolean;
}

export function createApi(routes: ApiRoute[], opts: ApiOptions = {}): Api {
  const production = opts.production ?? (() => getEnv().NODE_ENV === "production");
  const app = new Hono();
  app.use(async (c, next) => {
    await next();
    apiHeaders(c.res, production());
  });
  // Larger answers gzipped when the client takes it (Next's own threshold); never a live stream.
  app.use(compress({ encoding: "gzip", threshold: 1024 }));
  for (const r of routes) {
    const handler = r.GET;
    // HEAD is answered by the GET route without its body (Hono's own rule, as Next's).
    app.get(r.path, (c) => runRoute(handler, c.req.raw, c.req.param()));
    // As Next answers a route that exports only GET.
    app.options(r.path, () => new Response(null, { status: 204, headers: { Allow: ALLOW } }));
    app.all(r.path, () => new Response(null, { status: 405 }));
  }
  // Unknown /api/ addresses: the same checks first (a cross-site write is refused as such), then 404.
  app.notFound((c) => runRoute(notFound, c.req.raw, {}));
  // runRoute answers every error of a handler; this is only the router itself failing.
  app.onError((err, c) => errorResponse(err, c.req.raw, crypto.randomUUID()));

  const strict = routes.map((r) => compile(r.path, (name) => `(?:${PARAM_SHAPES[name] ?? "[^/]+"})`));
  const loose = routes.map((r) => ({
    re: compile(r.path, () => "[^/]+"),
    label: r.path.replace(/:([A-Za-z]+)/g, "[$1]"),
  }));
  return {
    app,
    direct(method, rawUrl) {
      if (method !== "GET" || !rawUrl?.startsWith("/api/")) return false;
      const q = rawUrl.indexOf("?");
      const pathname = q === -1 ? rawUrl : rawUrl.slice(0, q);
      return strict.some((re) => re.test(pathname));
    },
    routeOf(pathname) {
      return loose.find((r) => r.re.test(pathname))?.label ?? null;
    },
  };
}
