// The backfill's exchange reads, each through the upstream gate at background priority (people
// browsing keep precedence): the key's balances and trade pages on the owner's read path, the
// instrument list and daily candles as public data. A stale answer is refused: a rebuilt
// history must come from what the exchange says now, so the job fails and pg-boss retries it.
import "server-only";
import type { CurrentUser } from "@/lib/sessions/session";
import type { KeyAccess } from "@/lib/keys/access";
import { AppError } from "@/lib/errors";
import type { Balances, TradeHistory } from "@/lib/exchange/schemas";
import type { Candle } from "@/lib/exchange/model";
import type { ExchangeClient } from "@/lib/exchange/client";
import type { Endpoint, Freshness } from "@/lib/limiter";
import { egressKey, getGate } from "@/lib/limiter/instance";
import { readKeyEndpoint } from "@/lib/reads/endpoints";

export interface BackfillReader {
  owner: CurrentUser;
  keyId: string;
  access: KeyAccess;
  signal?: AbortSignal;
}

export type InstrumentInfo = { code: string; base: string; quote: string; quotePrecision: number };

/** Daily candles have their own cache policy (lib/limiter/policy.ts); parameters keep entries apart. */
const CANDLES_POLICY: Endpoint = "candlesticks";

function fresh<T>(r: Freshness<T>, what: string): T {
  if (r.source === "stale")
    throw new AppError("upstream_unavailable", "error.backfillRead", {
      values: { what },
      reason: r.staleReason ?? "STALE",
    });
  return r.data;
}

/** The key's balances now, live (not from the cache), and the time they are from. */
export async function readBalancesNow(r: BackfillReader): Promise<{ balances: Balances["balances"]; at: number }> {
  const res = await readKeyEndpoint(
    r.owner,
    r.keyId,
    "balances",
    {},
    { priority: "background", raw: true, refresh: true, access: r.access, signal: r.signal },
  );
  return { balances: fresh(res, "balances").balances, at: Date.parse(res.fetchedAt) };
}

/** One page of the key's trades in [from, to] (ms, inclusive). */
export async function readTradesPage(
  r: BackfillReader,
  win: { from: number; to: number },
  cursor: string | null,
): Promise<TradeHistory> {
  const res = await readKeyEndpoint(
    r.owner,
    r.keyId,
    "trades",
    {
      from: new Date(win.from).toISOString(),
      to: new Date(win.to).toISOString(),
      max_page_size: 100,
      ...(cursor ? { cursor } : {}),
    },
    { priority: "background", raw: true, access: r.access, signal: r.signal },
  );
  return fresh(res, "trades");
}

function publicRead<T>(
  userId: string,
  endpoint: Endpoint,
  params: Record<string, unknown> | undefined,
  fetcher: (exchange: () => ExchangeClient) => Promise<{ data: T; remainingQuota: number | null }>,
): Promise<Freshness<T>> {
  return getGate().fetch<T>({
    keyId: null,
    accountId: null,
    endpoint,
    params,
    userId,
    egressIp: egressKey(),
    priority: "background",
    fetcher,
  });
}

export async function readInstruments(userId: string): Promise<InstrumentInfo[]> {
  const res = await publicRead(userId, "instruments", undefined, (exchange) => exchange().getInstruments());
  return fresh(res, "instruments").map((i) => ({
    code: i.code,
    base: i.base.code,
    quote: i.quote.code,
    quotePrecision: i.quote.precision,
  }));
}

/** An instrument's daily candles whose days end in [fromEnd, toEnd] (ms): close by day end. */
export async function readDailyCloses(
  userId: string,
  code: string,
  fromEnd: number,
  toEnd: number,
): Promise<Map<number, string>> {
  // One request: 90 days is well under either dialect's maximum (1500 / 5000 candles, lib/exchange/REFERENCE.md §4).
  const q = {
    unit: "DAYS" as const,
    period: 1,
    from: new Date(fromEnd - 86_400_000 + 1).toISOString(),
    to: new Date(toEnd + 1).toISOString(),
  };
  const res = await publicRead<Candle[]>(userId, CANDLES_POLICY, { candles: code, ...q }, (exchange) =>
    exchange().getCandlesticks(code, q),
  );
  const out = new Map<number, string>();
  for (const c of fresh(res, "candlestick")) {
    const end = Date.parse(c.time);
    if (end >= fromEnd && end <= toEnd) out.set(end, c.close);
  }
  return out;
}
