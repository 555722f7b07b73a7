// The control API (loopback only, its own port) for tests, the demo and benchmarks:
// mint/revoke keys, demo keys, faults, counters, limit reset, deposits, whoami; and (./control-live.ts)
// the WebSocket's faults and the market's prices and tick rate.
import http from "node:http";
import type { Scope } from "./keys";
import { SimState } from "./state";
import type { FaultKind } from "./faults";
import { clientIpOf } from "./server";
import { balancesJson } from "./format";
import { parseDialect } from "./dialect";
import { liveControlRoute } from "./control-live";
import type { WsHub } from "./ws/hub";

const SCOPES = new Set(["READ_ONLY", "TRADE", "WITHDRAW"]);
const FAULTS = new Set<FaultKind>(["latency", "error5xx", "malformed", "reset", "ratelimit", "echo"]);

async function json(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  if (!chunks.length) return {};
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

export function createControlHandler(state: SimState, hub: WsHub) {
  return async (req: http.IncomingMessage, res: http.ServerResponse) => {
    try {
      const url = new URL(req.url ?? "/", "http://control");
      const route = `${req.method} ${url.pathname}`;
      const now = state.now();
      if (route === "GET /whoami") return send(res, 200, { ip: clientIpOf(req, false) });
      if (route === "GET /demo-keys") return send(res, 200, { keys: state.demoKeys });
      if (route === "GET /counters") return send(res, 200, state.limits.snapshot(now));
      const live = await liveControlRoute(state, hub, route, url, () => json(req));
      if (live) return send(res, live.status, live.body);
      if (route === "POST /limits/reset") {
        state.limits.reset();
        hub.resetLimits();
        return send(res, 200, { ok: true });
      }
      if (route === "GET /faults") return send(res, 200, { faults: state.faults.active(now) });
      if (route === "DELETE /faults") {
        // ?account=<name or id>: only that account's faults (tests running side by side each clear their own).
        const account = url.searchParams.get("account");
        state.faults.clear(account === null ? undefined : (state.demoKeys[account]?.accountId ?? account));
        return send(res, 200, { ok: true });
      }
      if (route === "POST /faults") {
        const b = await json(req);
        if (!FAULTS.has(b.kind as FaultKind)) return send(res, 400, { error: "unknown fault kind" });
        const accountId =
          typeof b.account === "string" ? (state.demoKeys[b.account]?.accountId ?? b.account) : undefined;
        const fault = state.faults.add({
          kind: b.kind as FaultKind,
          latencyMs: typeof b.latencyMs === "number" ? b.latencyMs : undefined,
          status: typeof b.status === "number" ? b.status : undefined,
          code: typeof b.code === "string" ? b.code : undefined,
          accountId,
          until: typeof b.durationMs === "number" ? now + b.durationMs : undefined,
          remaining: typeof b.count === "number" ? b.count : undefined,
          pathPrefix: typeof b.pathPrefix === "string" ? b.pathPrefix : undefined,
        });
        return send(res, 201, fault);
      }
      if (route === "POST /keys") {
        const b = await json(req);
        const scopes = Array.isArray(b.scopes) ? b.scopes.map(String) : ["READ_ONLY"];
        if (scopes.some((s) => !SCOPES.has(s))) return send(res, 400, { error: "unknown scope" });
        const ips = Array.isArray(b.ips) ? b.ips.map(String) : [];
        if (ips.length > 5) return send(res, 400, { error: "at most five IP addresses" });
        // A key belongs to its account's platform: `dialect` (bitpanda|fast) names it for a new
        // account; an existing account keeps its own and a conflicting `dialect` is refused.
        const dialect = b.dialect === undefined ? undefined : parseDialect(String(b.dialect));
        if (b.dialect !== undefined && !dialect) return send(res, 400, { error: "dialect must be bitpanda or fast" });
        const name = typeof b.account === "string" ? b.account : "custom";
        const existing = state.accounts.get(state.demoKeys[name]?.accountId ?? SimState.accountIdFor(state.seed, name));
        if (existing && dialect && existing.dialect !== dialect)
          return send(res, 409, { error: `account ${name} is on the ${existing.dialect} platform` });
        // `orders`: how many history orders a new account gets (default 20; 0 = deposits only).
        const orders =
          typeof b.orders === "number" && Number.isInteger(b.orders) && b.orders >= 0 && b.orders <= 50_000
            ? b.orders
            : 20;
        // `subaccountOf`: a new account becomes a subaccount of that (existing) account.
        const parentName = typeof b.subaccountOf === "string" ? b.subaccountOf : undefined;
        const parent =
          parentName === undefined
            ? undefined
            : state.accounts.get(
                state.demoKeys[parentName]?.accountId ?? SimState.accountIdFor(state.seed, parentName),
              );
        if (parentName !== undefined && (!parent || existing || parent.dialect !== (dialect ?? state.dialect)))
          return send(res, 400, {
            error: "subaccountOf must name an existing account of the same platform, for a new account",
          });
        const acct = existing ?? state.ensureAccount(name, orders, dialect ?? state.dialect);
        if (parent) acct.parentId = parent.parentId ?? parent.id;
        const minted = await state.authority.mint({ accountId: acct.id, scopes: scopes as Scope[], ips });
        return send(res, 201, { key: minted.key, jti: minted.jti, accountId: acct.id, dialect: acct.dialect });
      }
      if (route === "POST /keys/revoke") {
        const b = await json(req);
        if (typeof b.jti !== "string") return send(res, 400, { error: "jti required" });
        state.authority.revoke(b.jti);
        hub.revokeKey(b.jti);
        return send(res, 200, { ok: true });
      }
      const acctMatch = /^\/accounts\/([^/]+)\/(deposit|balances)$/.exec(url.pathname);
      if (acctMatch) {
        const id = state.demoKeys[acctMatch[1]!]?.accountId ?? acctMatch[1]!;
        if (!state.accounts.has(id)) return send(res, 404, { error: "unknown account" });
        if (acctMatch[2] === "deposit" && req.method === "POST") {
          const b = await json(req);
          state.credit(id, String(b.currency), String(b.amount));
        }
        return send(res, 200, balancesJson(state.account(id)!));
      }
      return send(res, 404, { error: "unknown control route" });
    } catch (err) {
      return send(res, 400, { error: err instanceof Error ? err.message : "bad request" });
    }
  };
}
