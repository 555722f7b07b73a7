// The read path every exchange-backed route uses:
//   authorize (cheap, first) → budget/cache (may answer without the key) → decrypt → call → respond.
// The key's status follows what the exchange says (lib/keys/status.ts records it).
import "server-only";
import { AppError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/sessions/session";
import { noteKeySuccessRecorded, requireKeyAccess, type KeyAccess } from "@/lib/keys/access";
import { readEnvelope, withKeyCredentials, type PendingEnvelope } from "@/lib/keys/credentials";
import { ExchangeError } from "@/lib/exchange/errors";
import type { ExchangeClient } from "@/lib/exchange/client";
import { messageForExchangeError, noteKeyReadFailure, noteKeyReadSuccess } from "@/lib/keys/status";
import { BudgetExceededError, KeyFailedError, type Endpoint, type Freshness, type Priority } from "@/lib/limiter";
import { egressKey, getGate } from "@/lib/limiter/instance";
import { appErrorFromUpstream, failureFromStatus } from "@/lib/limiter/classify";
import { redactAmounts } from "./redact";
import { timed } from "@/lib/request-context";
import { noteMemberRead } from "@/lib/audit/member-reads";
import { getMarketStream } from "@/lib/market/instance";
import { liveTickers } from "@/lib/market/live-tickers";

export interface ReadOptions {
  priority?: Priority;
  refresh?: boolean;
  /** Aborted (e.g. a cancelled export): no upstream call starts after this, even one that was waiting for budget. */
  signal?: AbortSignal;
  /** Internal: skip "hide amounts" because the caller redacts derived values itself (portfolio). */
  raw?: boolean;
  /** Internal: access already decided by the caller for this request, so it isn't looked up twice. */
  access?: KeyAccess;
  /** A page's first paint: never wait for budget (the gate's `noWait`: the last value, labelled, or rate_limited). */
  noWait?: boolean;
}

export async function readKeyData<T>(
  user: CurrentUser,
  keyRowId: string,
  endpoint: Endpoint,
  params: Record<string, unknown>,
  call: (client: ExchangeClient, key: string) => Promise<{ data: T; remainingQuota: number | null }>,
  opts: ReadOptions = {},
): Promise<Freshness<T> & { amountsHidden?: boolean }> {
  const key = opts.access ?? (await requireKeyAccess(user, keyRowId, "read"));
  if (!key.scopes.includes("READ_ONLY")) {
    throw new AppError("unprocessable", "error.keyNoRead", { reason: "MISSING_PERMISSION" });
  }
  let envelope: PendingEnvelope | undefined;
  try {
    const result = await timed("gate", () =>
      getGate().fetch<T>({
        // Cached and coalesced under this key; the account only once the exchange has accepted this key.
        keyId: key.id,
        accountId: key.lastSuccessAt ? key.accountId : null,
        knownFailure: failureFromStatus(key.status),
        endpoint,
        params,
        userId: user.id,
        egressIp: egressKey(),
        priority: opts.priority ?? "interactive",
        refresh: opts.refresh,
        reader: key.role,
        noWait: opts.noWait,
        prepare: () => {
          envelope ??= readEnvelope(key.id);
        },
        fetcher: (exchange) => {
          if (opts.signal?.aborted) throw new AppError("bad_request", "error.cancelled", { reason: "CANCELLED" });
          return withKeyCredentials(key.id, (plaintext) => call(exchange(), plaintext), envelope);
        },
        onUpstreamError: async (err) => {
          if (err instanceof ExchangeError) await noteKeyReadFailure(user, key, err);
        },
      }),
    );
    if (result.source === "live") {
      const recorded = await timed("note", () => noteKeyReadSuccess(key));
      if (recorded) noteKeySuccessRecorded(key.id, recorded);
    }
    if (key.role === "member") noteMemberRead(user.id, key.id);
    if (key.hideAmounts && !opts.raw)
      return { ...result, data: redactAmounts(endpoint, result.data), amountsHidden: true };
    return result;
  } catch (err) {
    if (err instanceof BudgetExceededError) {
      const wait = Math.ceil(err.retryAfterMs / 1000);
      throw new AppError("rate_limited", err.reason === "ip_blocked" ? "error.ipBlockedIn" : "error.pacingIn", {
        values: { n: wait },
        reason: err.reason,
        retryAfterSeconds: wait,
      });
    }
    if (err instanceof KeyFailedError) err = new ExchangeError(err.failure.code, 401);
    if (err instanceof ExchangeError) {
      throw appErrorFromUpstream(err, await messageForExchangeError(err));
    }
    throw err;
  }
}

/** Public market data: budgeted per IP and per user, not tied to a key. */
export async function readMarketData<T>(
  user: CurrentUser,
  endpoint: Endpoint,
  call: (client: ExchangeClient) => Promise<{ data: T; remainingQuota: number | null }>,
  opts: Pick<ReadOptions, "noWait"> = {},
): Promise<Freshness<T> & { live?: boolean }> {
  // Tickers: while the market stream is healthy its prices are the answer and no REST ticker is
  // read; when it is not, REST polling resumes at background priority (the stream is the
  // ticker's primary road; polling must not crowd out key reads while it is down).
  const stream = endpoint === "tickers" ? getMarketStream() : null;
  if (stream?.healthy()) return (await liveTickers(stream)) as unknown as Freshness<T> & { live: true };
  try {
    return await getGate().fetch<T>({
      keyId: null,
      accountId: null,
      endpoint,
      userId: user.id,
      egressIp: egressKey(),
      priority: stream ? "background" : "interactive",
      noWait: opts.noWait,
      fetcher: (exchange) => call(exchange()),
    });
  } catch (err) {
    if (err instanceof BudgetExceededError)
      throw new AppError("rate_limited", "error.pacing", {
        retryAfterSeconds: Math.ceil(err.retryAfterMs / 1000),
      });
    if (err instanceof ExchangeError) throw appErrorFromUpstream(err);
    throw err;
  }
}
