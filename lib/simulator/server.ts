// The simulator's exchange API over HTTP: dialect (by path prefix) → IP limit → route →
// faults → auth chain → platform of the key's account → account limit → scope → handler,
// answering errors as each dialect does. Both dialects share one engine and ledger.
import http from "node:http";
import { SimError } from "./errors";
import { publicRoute } from "./routes-public";
import { accountRoute, requiredScope } from "./routes-account";
import { fastPublicRoute } from "./fast/routes-public";
import { fastAccountRoute, fastRequiredScope } from "./fast/routes-account";
import { RawJson } from "./fast/format";
import { splitDialectPath, type Dialect } from "./dialect";
import type { AuthFailure } from "./keys";
import type { SimState } from "./state";
import type { Fault } from "./faults";

/**
 * How auth-chain failures are answered. "bitpanda": 401 {"error":CODE} for every code;
 * "fast": 403 {"message":"Forbidden"} for every code; "gateway" (the Fast dialect's
 * default): 403 {"message":"Forbidden"} for a missing or unreadable token (what the gateway
 * answers), 401 {"error":CODE} for the checks behind it.
 */
export type AuthFailureStyle = "bitpanda" | "fast" | "gateway";

export interface ServerOptions {
  trustClientIpHeader: boolean;
  /** Forces one style on both dialects; unset = "bitpanda" on /public/v1, "gateway" on /fast/v1. */
  authFailureStyle?: AuthFailureStyle;
}

function authFailure(res: http.ServerResponse, style: AuthFailureStyle, code: AuthFailure | "INVALID_SUBJECT") {
  const forbidden =
    style === "fast" || (style === "gateway" && (code === "MISSING_CREDENTIALS" || code === "INVALID_APIKEY"));
  return forbidden ? send(res, 403, { message: "Forbidden" }) : send(res, 401, { error: code });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (status === 204) {
    res.writeHead(204, headers).end();
    return;
  }
  const text = body instanceof RawJson ? body.text : JSON.stringify(body);
  res
    .writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers })
    .end(text);
}

export function clientIpOf(req: http.IncomingMessage, trustHeader: boolean): string {
  const header = req.headers["x-sim-client-ip"];
  if (trustHeader && typeof header === "string" && header.trim()) return header.trim();
  const ip = req.socket.remoteAddress ?? "unknown";
  return ip.startsWith("::ffff:") ? ip.slice(7) : ip;
}

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  if (req.method !== "POST" && req.method !== "PUT") return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 64 * 1024) throw new SimError(400, "INVALID_QUERY");
    chunks.push(c as Buffer);
  }
  if (!chunks.length) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
  } catch {
    throw new SimError(400, "INVALID_QUERY");
  }
}

/** Applies injected faults; returns true when the response was already handled. */
async function applyFaults(
  faults: Fault[],
  req: http.IncomingMessage,
  res: http.ServerResponse,
  state: SimState,
): Promise<boolean> {
  for (const f of faults) if (f.kind === "latency" && f.latencyMs) await sleep(f.latencyMs);
  for (const f of faults) {
    if (f.kind === "reset") {
      res.socket?.destroy();
      return true;
    }
    if (f.kind === "error5xx") {
      send(res, f.status ?? 503, {
        error: f.code ?? (f.status === 500 ? "INTERNAL_SERVER_ERROR" : "SERVICE_UNAVAILABLE"),
      });
      return true;
    }
    if (f.kind === "malformed") {
      res.writeHead(200, { "content-type": "application/json" }).end('{"balances": [ {"currency_code": "BTC", "avail');
      return true;
    }
    // A misbehaving gateway that echoes the request back, Authorization header included: what
    // Keydesk shows or logs must never carry it on (the secret canary relies on this).
    if (f.kind === "echo") {
      send(res, f.status ?? 400, {
        error: f.code ?? "INVALID_REQUEST",
        request: { method: req.method, url: req.url, headers: req.headers },
      });
      return true;
    }
    if (f.kind === "ratelimit") {
      state.limits.sent429.forced++;
      send(res, 429, { error: f.code ?? "RATELIMIT" });
      return true;
    }
  }
  return false;
}

export function createApiHandler(state: SimState, opts: ServerOptions) {
  return async (req: http.IncomingMessage, res: http.ServerResponse) => {
    try {
      const url = new URL(req.url ?? "/", "http://simulator");
      const method = (req.method ?? "GET").toUpperCase();
      const target = splitDialectPath(url.pathname);
      if (!target) throw new SimError(404, "NOT_FOUND");
      const { dialect, path } = target;
      const segments = path.split("/").filter(Boolean).map(decodeURIComponent);
      const now = state.now();
      const ipVerdict = state.limits.checkIp(clientIpOf(req, opts.trustClientIpHeader), method, now);
      if (!ipVerdict.ok) return send(res, 429, { error: ipVerdict.code });
      if (await applyFaults(state.faults.take(now, path, null), req, res, state)) return;

      if (segments[0] !== "account") {
        if (method !== "GET") throw new SimError(404, "NOT_FOUND");
        return send(
          res,
          200,
          dialect === "fast"
            ? fastPublicRoute(state, segments, url.searchParams)
            : publicRoute(state, segments, url.searchParams),
        );
      }
      const style: AuthFailureStyle = opts.authFailureStyle ?? (dialect === "fast" ? "gateway" : "bitpanda");
      const auth = await state.authority.verify(req.headers.authorization, clientIpOf(req, opts.trustClientIpHeader));
      if (!auth.ok) return authFailure(res, style, auth.code);
      const acct = state.account(auth.accountId);
      // A key is valid only on its account's platform: a key for the other dialect is refused.
      if (!acct || acct.dialect !== dialect) return authFailure(res, style, "INVALID_SUBJECT");
      if (await applyFaults(state.faults.take(now, path, acct.id), req, res, state)) return;
      const verdict = state.limits.checkAccount(acct.id, method, now);
      if (!verdict.ok) return send(res, 429, { error: verdict.code });
      const quota = { "bp-remaining-quota": String(verdict.remaining ?? 0) };
      const scope = dialect === "fast" ? fastRequiredScope(method, segments) : requiredScope(method, segments);
      if (!auth.claims.scp.includes(scope)) return send(res, 403, { error: "MISSING_PERMISSION" }, quota);
      const body = await readBody(req);
      const request = { method, segments, q: url.searchParams, body };
      const result = dialect === "fast" ? fastAccountRoute(state, acct, request) : accountRoute(state, acct, request);
      if (method !== "GET") state.touched(acct.id);
      return send(res, result.status, result.body, quota);
    } catch (err) {
      if (err instanceof SimError) return send(res, err.status, { error: err.code });
      console.error("[simulator] internal error", err);
      return send(res, 500, { error: "INTERNAL_SERVER_ERROR" });
    }
  };
}

export type { Dialect };
