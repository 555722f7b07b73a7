// AUTHENTICATE on the simulator's WebSocket: the same key checks as the REST API's auth chain
// (signature, issuer, audience, revocation, IP allow-list), then the account's platform.
// Fast also wants the Trade permission (lib/exchange/WEBSOCKET.md §2: a Read-only key gets no private stream).
import type { SessionContext } from "./hub";
import type { Dialect } from "../dialect";
import type { Account } from "../ledger";

export type WsAuth = { ok: true; account: Account; scopes: string[]; jti: string } | { ok: false; reason: string };

export async function authenticate(ctx: SessionContext, dialect: Dialect, token: unknown): Promise<WsAuth> {
  if (typeof token !== "string" || !token) return { ok: false, reason: "MISSING_CREDENTIALS" };
  const verdict = await ctx.state.authority.verify(`Bearer ${token}`, ctx.clientIp);
  if (!verdict.ok) return { ok: false, reason: verdict.code };
  const account = ctx.state.account(verdict.accountId);
  if (!account || account.dialect !== dialect) return { ok: false, reason: "INVALID_SUBJECT" };
  const scopes = verdict.claims.scp;
  if (dialect === "fast" && !scopes.includes("TRADE")) return { ok: false, reason: "MISSING_PERMISSION" };
  if (dialect === "bitpanda" && !scopes.includes("READ_ONLY") && !scopes.includes("TRADE"))
    return { ok: false, reason: "MISSING_PERMISSION" };
  return { ok: true, account, scopes, jti: verdict.claims.jti };
}
