// One wrapper for every route handler: a request id, AppError → JSON with its status (and
// Retry-After for 429s), unknown errors logged and answered generically. Handlers stay thin.
import "server-only";
import { randomUUID } from "node:crypto";
import { NextResponse } from "next/server";
import { RequestCookies } from "next/dist/compiled/@edge-runtime/cookies";
import { AppError, isDatabaseUnavailable } from "@/lib/errors";
import { databaseUnavailableError } from "@/lib/http/database-unavailable";
import { logger } from "@/lib/log";
import { serverTiming, withRequestId } from "@/lib/request-context";
import { getEnv } from "@/lib/env";
import { requestProblem, type RequestProblem } from "@/lib/http/security-headers";
import { LOCALE_COOKIE, negotiateLocale, parseLocale, type Locale } from "@/lib/i18n";
import { errorText, fieldsText } from "@/lib/i18n/error-text";

/**
 * lib/http/fast-routes.ts marks the requests it serves with FAST_PATH and writes their answer
 * itself: a JSON answer is handed over as the serialized string under FAST_BODY (the Response
 * has no body stream), instead of a stream it would read back into a buffer. Symbol.for: the
 * server and the built route modules are separate copies of this code.
 */
export const FAST_PATH = Symbol.for("keydesk.fastPath");
export const FAST_BODY = Symbol.for("keydesk.fastBody");

function fastJson(body: unknown, headers: Record<string, string>): Response {
  const res = new Response(null, { headers: { ...headers, "content-type": "application/json" } });
  Object.defineProperty(res, FAST_BODY, { value: JSON.stringify(body) ?? "null" });
  return res;
}

export interface RouteContext<P> {
  req: Request;
  params: P;
  requestId: string;
}

export function route<P = Record<string, never>>(handler: (ctx: RouteContext<P>) => Promise<unknown>) {
  return async (req: Request, ctx: { params: Promise<P> }): Promise<Response> => {
    // API routes bypass proxy.ts (see its matcher): the id is ours, never the caller's.
    const requestId = randomUUID();
    // The session check reads this request's own cookies, not Next's request scope: the same
    // handlers then also run in lib/server's fast path for data reads.
    return withRequestId(requestId, () => handle(handler, req, ctx, requestId), new RequestCookies(req.headers));
  };
}

/** The reader's language, from this request's own cookie and Accept-Language (as lib/i18n/server). */
export function requestLocale(req: Request): Locale {
  const cookie = new RequestCookies(req.headers).get(LOCALE_COOKIE)?.value;
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

async function handle<P>(
  handler: (ctx: RouteContext<P>) => Promise<unknown>,
  req: Request,
  ctx: { params: Promise<P> },
  requestId: string,
): Promise<Response> {
  const started = performance.now();
  const res = await respond(handler, req, ctx, requestId);
  try {
    if (!res.headers.has("x-request-id")) res.headers.set("x-request-id", requestId);
  } catch {
    // a Response with immutable headers: it keeps its own
  }
  if (getEnv().KEYDESK_SERVER_TIMING && !res.headers.has("server-timing"))
    res.headers.set("server-timing", serverTiming(performance.now() - started));
  return res;
}

async function respond<P>(
  handler: (ctx: RouteContext<P>) => Promise<unknown>,
  req: Request,
  ctx: { params: Promise<P> },
  requestId: string,
): Promise<Response> {
  try {
    const refused = refusal(req, requestId);
    if (refused) return refused;
    const body = await handler({ req, params: await ctx.params, requestId });
    if (body instanceof Response) return body;
    const headers = { "x-request-id": requestId, "cache-control": "no-store" };
    if ((req as { [FAST_PATH]?: boolean })[FAST_PATH]) return fastJson(body, headers);
    return NextResponse.json(body, { headers });
  } catch (err) {
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
