// Request latency per route for the production server (bin/start.ts). The route label is the
// pattern from the build's own route list (/keys/[keyId]), never the address asked for, so an
// unknown or made-up path is "other": a caller cannot add a series by inventing URLs.
import type { IncomingMessage, ServerResponse } from "node:http";
import { metrics } from "./registry";

export interface RoutesManifest {
  staticRoutes?: { page: string }[];
  dynamicRoutes?: { page: string; regex: string }[];
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** The pattern a path belongs to: a page or route of the build, Next's assets, or "other". */
export function routeMatcher(manifest: RoutesManifest): (pathname: string) => string {
  const exact = new Set((manifest.staticRoutes ?? []).map((r) => r.page));
  const dynamic = (manifest.dynamicRoutes ?? []).map((r) => ({ page: r.page, re: new RegExp(r.regex) }));
  return (pathname) => {
    if (pathname.startsWith("/_next/static/")) return "/_next/static";
    if (pathname.startsWith("/_next/image")) return "/_next/image";
    if (exact.has(pathname)) return pathname;
    const trimmed = pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
    if (exact.has(trimmed)) return trimmed;
    for (const d of dynamic) if (d.re.test(trimmed)) return d.page;
    return "other";
  };
}

/** Times one request from now until its answer is finished (or the connection closes first). */
export function observeRequest(req: IncomingMessage, res: ServerResponse, routeOf: (pathname: string) => string): void {
  const started = process.hrtime.bigint();
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    const pathname = (req.url ?? "/").split("?", 1)[0]!;
    const method = METHODS.has(req.method ?? "") ? req.method! : "other";
    const code = res.writableFinished ? String(res.statusCode) : "aborted";
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    metrics().httpDuration.observe({ route: routeOf(pathname), method, code }, seconds);
  };
  res.once("finish", finish);
  res.once("close", finish);
}
