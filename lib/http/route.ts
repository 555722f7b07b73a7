// What every API handler runs inside (the API table, lib/http/api.ts, and the one Next route of
// its own, /metrics): a request id, the request checks, the session's cookies read from this
// request, AppError → JSON with its status (and Retry-After for 429s), unknown errors logged
// and answered generically. Handlers stay thin.
import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { requestCookies } from "@/lib/http/cookies";
import { AppError, isDatabaseUnavailable } from "@/lib/errors";
import { databaseUnavailableError } from "@/lib/http/database-unavailable";
import { logger } from "@/lib/log";
import { serverTiming, withRequestId } from "@/lib/request-context";
import { getEnv } from "@/lib/env";
import { requestProblem, type RequestProblem } from "@/lib/http/security-headers";
import { LOCALE_COOKIE, negotiateLocale, parseLocale, type Locale } from "@/lib/i18n";
import { errorText, fieldsText } from "@/lib/i18n/error-text";

/**
 * A handler's result as JSON. The body is the serialized string itself (not a stream), with its
 * length: @hono/node-server writes such an answer as it is, and the compression threshold can
 * see its size.
 */
function json(body: unknown, headers: Record<string, string>): Response {
  const text = JSON.stringify(body) ?? "null";
  return new Response(text, {
    headers: { ...headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) },
  });
}

export interface RouteContext<P> {
  req: Request;
  params: P;
  requestId: string;
}

export type RouteHandler<P> = (ctx: RouteContext<P>) => Promise<unknown>;

/** One handler as a Next route handler (for the routes outside the API table: /metrics). */
export function route<P = Record<string, never>>(handler: RouteHandler<P>) {
  return async (req: Request, ctx: { params: Promise<P> }): Promise<Response> =>
    runRoute(handler, req, await ctx.params);
}

/** Runs one handler for one request, with every check; never throws (errors are answers). */
export function runRoute<P>(handler: RouteHandler<P>, req: Request, params: P): Promise<Response> {
  // API routes bypass proxy.ts (see its matcher): the id is ours, never the caller's.
  const requestId = randomUUID();
  // The session check reads this request's own cookies, not Next's request scope: the same
  // handlers run under Next and under `npm start`'s own server alike.
  return withRequestId(requestId, () => handle(handler, req, params, requestId), requestCookies(req.headers));
}

/** The reader's language, from this request's own cookie and Accept-Language (as lib/i18n/server). */
export function requestLocale(req: Request): Locale {
  const cookie = requestCookies(req.headers).get(LOCALE_COOKIE)?.value;
  return parseLocale(cookie) ?? negotiateLocale(req.headers.get("accept-language"));
}

/**
 * A request check's text: its English diagnosis (proxy.ts answers the same), or for another
 * language the catalogue's text for it, else the code's general text.
 */
function problemText(problem: RequestProblem, locale: Locale): string {
  return locale === "en" ? problem.message : errorText(problem, locale);
}

/** proxy.ts's request checks (Origin, Host, encoding, header size), for the routes that skip it. */
function refusal(req: Request, requestId: string): Response | null {
  const publicUrl = getEnv().KEYDESK_PUBLIC_URL;
  const problem = requestProblem(req, publicUrl ? [new URL(publicUrl).origin] : []);
  if (!problem) return null;
  return NextResponse.json(
    {
      error: {
        code: problem.code,
        message: problemText(problem, requestLocale(req)),
        requestId,
      },
    },
    { status: problem.status, headers: { "x-request-id": requestId, "cache-control": "no-store" } },
  );
}

async function handle<P>(handler: RouteHandler<P>, req: Request, params: P, requestId: string): Promise<Response> {
  const started = performance.now();
  const res = await respond(handler, req, params, requestId);
  try {
    if (!res.headers.has("x-request-id")) res.headers.set("x-request-id", requestId);
  } catch {
    // a Response with immutable headers: it keeps its own
  }
  if (getEnv().KEYDESK_SERVER_TIMING && !res.headers.has("server-timing"))
    res.headers.set("server-timing", serverTiming(performance.now() - started));
  return res;
}

async function respond<P>(handler: RouteHandler<P>, req: Request, params: P, requestId: string): Promise<Response> {
  try {
    const refused = refusal(req, requestId);
    if (refused) return refused;
    const body = await handler({ req, params, requestId });
    if (body instanceof Response) return body;
    return json(body, { "x-request-id": requestId, "cache-control": "no-store" });
  } catch (err) {
    return errorResponse(err, req, requestId);
  }
}

/** Any error of a handler as its answer: an AppError's status and code, anything else a logged 500. */
export function errorResponse(err: unknown, req: Request, requestId: string): Response {
  let appErr = err instanceof AppError ? err : null;
  if (!appErr && isDatabaseUnavailable(err)) {
    logger.error(
      { err: { name: (err as Error).name, code: (err as { code?: unknown }).code }, path: new URL(req.url).pathname },
      "database unavailable",
    );
    appErr = databaseUnavailableError();
  } else if (!appErr) {
    logger.error({ err, path: new URL(req.url).pathname }, "unhandled route error");
  }
  const out = appErr ?? new AppError("internal", "error.internal");
  out.requestId = requestId;
  const headers: Record<string, string> = { "x-request-id": requestId, "cache-control": "no-store" };
  if (out.retryAfterSeconds !== undefined) headers["retry-after"] = String(out.retryAfterSeconds);
  const locale = requestLocale(req);
  const body = out.toBody(errorText(out, locale));
  if (body.fields) body.fields = fieldsText(body.fields, locale);
  return NextResponse.json({ error: body }, { status: out.status, headers });
}

/** Parses URLSearchParams with a zod-like schema, turning failures into a 400 with field errors. */
export function parseQuery<T>(
  schema: {
    safeParse: (
      v: unknown,
    ) => { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  url: string,
): T {
  const params = Object.fromEntries(new URL(url).searchParams.entries());
  const r = schema.safeParse(params);
  if (!r.success) {
    const fields: Record<string, string[]> = {};
    for (const i of r.error.issues) (fields[String(i.path[0] ?? "query")] ??= []).push(i.message);
    throw new AppError("bad_request", "error.filtersInvalid", { fields });
  }
  return r.data;
}
