// Security headers for every response, and the Origin check for every mutating request.
// Pure functions: proxy.ts applies them; tests call them directly. The fixed values are in
// security-headers.json, which next.config.js and the fast path also send on the data API routes.
import HEADER_VALUES from "./security-headers.json";
import type { MessageKey } from "@/lib/i18n/messages";

export interface HeaderOptions {
  nonce: string;
  production: boolean;
  https: boolean;
}

export function contentSecurityPolicy({ nonce, production, https }: HeaderOptions): string {
  return [
    "default-src 'self'",
    // Scripts: only ours, by nonce; 'strict-dynamic' lets them load their own chunks. No 'unsafe-inline'.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${production ? "" : " 'unsafe-eval'"}`,
    // Styles: our stylesheet plus style attributes (chart colours); no remote styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "manifest-src 'self'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(opts: HeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(opts),
    ...HEADER_VALUES.everyAnswer,
    ...(opts.production && opts.https ? { "Strict-Transport-Security": HEADER_VALUES.hsts } : {}),
  };
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** The API's answers' headers (every answer's, the API's own, and HSTS in production: browsers ignore it over plain HTTP, so it can be static). */
export function apiHeaderValues(production: boolean): Record<string, string> {
  return {
    ...HEADER_VALUES.everyAnswer,
    ...HEADER_VALUES.apiOnly,
    ...(production ? { "Strict-Transport-Security": HEADER_VALUES.hsts } : {}),
  };
}

/**
 * A mutating request must come from our own pages: its Origin (or, without one, its
 * Sec-Fetch-Site) must say same-origin. Returns the reason when it doesn't.
 */
export function originProblem(
  req: { method: string; headers: Headers; url: string },
  allowedOrigins: string[],
): string | null {
  if (SAFE.has(req.method.toUpperCase())) return null;
  const origin = req.headers.get("origin");
  if (origin) {
    // Compare with the host the browser addressed (as Next's own server-action check does):
    // a cross-site page can't make the victim's browser send our Host with its Origin.
    const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? new URL(req.url).host;
    let originHost = "";
    try {
      originHost = new URL(origin).host;
    } catch {
      // "null" or garbage
    }
    return originHost === host || allowedOrigins.includes(origin) ? null : `Requests from ${origin} are not accepted.`;
  }
  const site = req.headers.get("sec-fetch-site");
  if (site === "same-origin" || site === "none") return null;
  return "This request did not come from a Keydesk page.";
}

const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/** Host and X-Forwarded-Host must be host names (links and auth callbacks are built from them). */
export function hostProblem(headers: Headers): string | null {
  for (const name of ["host", "x-forwarded-host"]) {
    const v = headers.get(name);
    if (v === null) continue;
    let parses = HOST.test(v);
    try {
      parses &&= new URL(`http://${v}/`).host.length > 0;
    } catch {
      parses = false; // e.g. "1.2.3.4.5": looks like a name, but URL parsing reads it as a broken IPv4 address
    }
    if (!parses) return `The ${name} header is not a valid host name.`;
  }
  return null;
}

/** Next's own navigation header: garbage in it makes the renderer fail, so refuse it up front. */
export function routerHeaderProblem(headers: Headers): string | null {
  const tree = headers.get("next-router-state-tree");
  if (tree === null) return null;
  try {
    if (Array.isArray(JSON.parse(decodeURIComponent(tree)))) return null;
  } catch {
    // fall through
  }
  return "The next-router-state-tree header is malformed.";
}

/** Request line plus headers, in bytes (roughly): the framework forwards them twice internally. */
export function headerBytes(url: string, headers: Headers): number {
  let n = url.length;
  headers.forEach((v, k) => (n += k.length + v.length + 4));
  return n;
}

export const MAX_HEADER_BYTES = 8 * 1024;

/** A path with broken percent-encoding can't name anything we serve: 400 instead of the router's 500. */
export function pathProblem(url: string): string | null {
  const raw = url.replace(/^[a-z]+:\/\/[^/]+/i, "").split("?")[0] ?? "";
  try {
    for (const segment of raw.split("/"))
      decodeURIComponent(decodeURIComponent(segment).replace(/%(?![0-9a-fA-F]{2})/g, "%25"));
    return null;
  } catch {
    return "The address is not validly encoded.";
  }
}

export interface RequestProblem {
  status: 400 | 403 | 431;
  code: "bad_request" | "forbidden";
  /** English, for the developer whose client sent it (proxy.ts answers it as it is). */
  message: string;
  /** The catalogue's text for it, when there is one (route() answers other readers with it). */
  messageKey?: MessageKey;
}

/**
 * Everything a request is checked for before any handler runs, in one place: proxy.ts applies
 * it to pages and actions, route() to the API routes that bypass proxy.ts.
 */
export function requestProblem(
  req: { method: string; headers: Headers; url: string },
  allowedOrigins: string[],
): RequestProblem | null {
  if (headerBytes(req.url, req.headers) > MAX_HEADER_BYTES)
    return {
      status: 431,
      code: "bad_request",
      message: "The request's address and headers are too large.",
      messageKey: "error.headersTooLarge",
    };
  const bad = hostProblem(req.headers) ?? routerHeaderProblem(req.headers) ?? pathProblem(req.url);
  if (bad) return { status: 400, code: "bad_request", message: bad };
  const origin = originProblem(req, allowedOrigins);
  return origin ? { status: 403, code: "forbidden", message: origin } : null;
}
