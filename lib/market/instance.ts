// The process's market stream, configured from the validated settings: a Redis lock and pub/sub
// when REDIS_URL is set, else a PostgreSQL advisory lock and LISTEN/NOTIFY on the app's own
// database. Started on first use (a live page, a ticker read) and by instrumentation.ts at boot.
// Null when MARKET_STREAM=false.
import "server-only";
import { createHash } from "node:crypto";
import { getEnv, getExchangeDialect } from "@/lib/env";
import { getRedis } from "@/lib/redis";
import { logger } from "@/lib/log";
import { withJob } from "@/lib/request-context";
import { getGate, egressKey } from "@/lib/limiter/instance";
import type { Instrument } from "@/lib/exchange/schemas";
import { MarketStream } from "./stream";
import { PgLeadership, RedisLeadership } from "./leader";
import { PgBus, RedisBus } from "./bus";
import { marketStreamUrl } from "./settings";
import { currenciesOfVisibleKeys, instrumentsPricing } from "./needs";

/**
 * Instances reading the same streaming URL share one connection: the lock and the channel are
 * named for it (two deployments on one database, such as the browser tests' Bitpanda Pro and
 * Fast apps, each keep their own).
 */
function prefixFor(url: string): string {
  return `keydesk_market_${createHash("sha256").update(url).digest("hex").slice(0, 12)}`;
}
const globalForMarket = globalThis as unknown as { keydeskMarket?: MarketStream | null };

/** The instrument list through the gate (public, cached an hour): never a ticker call. */
async function instrumentList() {
  const r = await getGate().fetch<Instrument[]>({
    keyId: null,
    accountId: null,
    endpoint: "instruments",
    userId: "market-stream",
    egressIp: egressKey(),
    priority: "background",
    fetcher: (exchange) => exchange().getInstruments(),
  });
  return r.data.map((i) => ({
    code: i.code ?? `${i.base.code}_${i.quote.code}`,
    base: i.base.code,
    quote: i.quote.code,
  }));
}

export function createMarketStream(): MarketStream {
  const env = getEnv();
  const gate = getGate();
  const dialect = getExchangeDialect();
  const redis = env.REDIS_URL ? getRedis() : null;
  const ttlMs = env.MARKET_LEADER_TTL_SECONDS * 1_000;
  const url = marketStreamUrl(env, dialect);
  const PREFIX = prefixFor(url);
  return new MarketStream({
    url,
    dialect,
    leadership: redis ? new RedisLeadership(redis, PREFIX, ttlMs) : new PgLeadership(env.DATABASE_URL!, PREFIX),
    bus: redis ? new RedisBus(redis, redis.duplicate(), `${PREFIX}:prices`) : new PgBus(env.DATABASE_URL!, PREFIX),
    takeConnection: () => gate.connections.take(egressKey()),
    refused: (ms) => gate.connections.exhaust(egressKey(), ms),
    instrumentsFor: async (live) => {
      const [list, held] = await Promise.all([instrumentList(), currenciesOfVisibleKeys()]);
      return instrumentsPricing(new Set([...held, ...live]), list);
    },
    staleAfterMs: env.MARKET_STALE_AFTER_SECONDS * 1_000,
    pulseMs: Math.max(500, Math.floor(ttlMs / 3)),
    logger,
  });
}

/** The running market stream of this process, or null when MARKET_STREAM=false. */
export function getMarketStream(): MarketStream | null {
  if (globalForMarket.keydeskMarket === undefined) {
    if (!getEnv().MARKET_STREAM) {
      globalForMarket.keydeskMarket = null;
      return null;
    }
    const stream = createMarketStream();
    globalForMarket.keydeskMarket = stream;
    // Its own log context: the stream's lines (and its timers') are a background job's, never the
    // request's that happened to start it first.
    void withJob("market-stream", () =>
      stream.start().catch((err: unknown) => logger.warn({ err: String(err) }, "market stream did not start")),
    );
  }
  return globalForMarket.keydeskMarket;
}

/** Stops this process's stream (shutdown, tests): the lock goes to another instance at once. */
export async function stopMarketStream(): Promise<void> {
  const s = globalForMarket.keydeskMarket;
  globalForMarket.keydeskMarket = undefined;
  await s?.stop();
}
