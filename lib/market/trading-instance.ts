// The process's trading streams (./trading.ts), configured from the validated settings: only on
// One Trading Fast (the TRADING channel is Fast's), only with TRADING_STREAM on. The lock and the
// bus are the market stream's kinds (a Redis lock and pub/sub with REDIS_URL, else a PostgreSQL
// advisory lock and LISTEN/NOTIFY), under names of their own. Updates on the bus are sealed with
// the cache cipher (they carry amounts), bound to their key. A key's token comes from the vault
// (lib/keys/credentials.ts), which refuses a stopped or deleted key. The gate's key events
// (stopped, deleted, revoked) close that key's connection here and, over the bus, everywhere.
import "server-only";
import { createHash } from "node:crypto";
import { getEnv, getExchangeDialect } from "@/lib/env";
import { getRedis } from "@/lib/redis";
import { hotRows } from "@/lib/db";
import { logger } from "@/lib/log";
import { withJob } from "@/lib/request-context";
import { getKeyring } from "@/lib/crypto/instance";
import { createCacheCipher } from "@/lib/crypto/cache-cipher";
import { getGate, egressKey } from "@/lib/limiter/instance";
import { withKeyCredentials } from "@/lib/keys/credentials";
import { PgLeadership, RedisLeadership } from "./leader";
import { PgBus, RedisBus } from "./bus";
import { marketStreamUrl } from "./settings";
import { TradingConnection } from "./trading-connection";
import { TradingStreams, type TradingBusMessage } from "./trading";

const globalForTrading = globalThis as unknown as {
  keydeskTrading?: TradingStreams | null;
  keydeskTradingUnhook?: () => void;
};

/** Keys that may hold a TRADING connection now: the Trade permission, and not stopped, revoked or invalid. */
export async function tradeKeysAllowed(keyIds: string[]): Promise<Set<string>> {
  if (!keyIds.length) return new Set();
  const rows = await hotRows<{ id: string }>(
    "keydesk_trading_allowed",
    `SELECT id FROM "ApiKey" WHERE id = ANY($1::text[]) AND 'TRADE' = ANY(scopes)
       AND status::text NOT IN ('stopped', 'revoked', 'invalid')`,
    [keyIds],
  );
  return new Set(rows.map((r) => r.id));
}

/** Whether keys with Trade get TRADING connections in this deployment. */
export function tradingStreamsEnabled(): boolean {
  return getEnv().TRADING_STREAM && getExchangeDialect() === "onetrading-fast";
}

function createTradingStreams(): TradingStreams {
  const env = getEnv();
  const gate = getGate();
  const url = marketStreamUrl(env, "onetrading-fast");
  const prefix = `keydesk_trading_${createHash("sha256").update(url).digest("hex").slice(0, 12)}`;
  const redis = env.REDIS_URL ? getRedis() : null;
  const ttlMs = env.MARKET_LEADER_TTL_SECONDS * 1_000;
  const staleAfterMs = env.MARKET_STALE_AFTER_SECONDS * 1_000;
  const cipher = createCacheCipher(getKeyring());
  const aad = (keyId: string) => `${prefix}:update:${keyId}`;
  const streams = new TradingStreams({
    leadership: redis ? new RedisLeadership(redis, prefix, ttlMs) : new PgLeadership(env.DATABASE_URL!, prefix),
    bus: redis
      ? new RedisBus<TradingBusMessage>(redis, redis.duplicate(), `${prefix}:events`)
      : new PgBus<TradingBusMessage>(env.DATABASE_URL!, prefix),
    connect: (keyId) =>
      new TradingConnection({
        url,
        withToken: (use) => withKeyCredentials(keyId, use),
        takeConnection: () => gate.connections.take(egressKey()),
        refused: (ms) => gate.connections.exhaust(egressKey(), ms),
        staleAfterMs,
        logger,
      }),
    eligible: tradeKeysAllowed,
    seal: (keyId, text) => cipher.seal(aad(keyId), text),
    open: (keyId, sealed) => cipher.open(aad(keyId), sealed),
    staleAfterMs,
    pulseMs: Math.max(500, Math.floor(ttlMs / 3)),
    logger,
  });
  globalForTrading.keydeskTradingUnhook = gate.keys.onEvent((e) => {
    if (e.t === "stopped" || e.t === "purge" || (e.t === "failed" && e.reason === "key_revoked"))
      streams.close(e.keyId);
    else if (e.t === "cleared") streams.forgetRefusal(e.keyId);
  });
  return streams;
}

/** This process's trading streams, or null when off (or not on One Trading Fast). */
export function getTradingStreams(): TradingStreams | null {
  if (globalForTrading.keydeskTrading === undefined) {
    if (!tradingStreamsEnabled()) {
      globalForTrading.keydeskTrading = null;
      return null;
    }
    const streams = createTradingStreams();
    globalForTrading.keydeskTrading = streams;
    void withJob("trading-streams", () =>
      streams.start().catch((err: unknown) => logger.warn({ err: String(err) }, "trading streams did not start")),
    );
  }
  return globalForTrading.keydeskTrading;
}

/** Stops this process's trading streams (shutdown, tests): every connection closes, the lock goes. */
export async function stopTradingStreams(): Promise<void> {
  const s = globalForTrading.keydeskTrading;
  globalForTrading.keydeskTrading = undefined;
  globalForTrading.keydeskTradingUnhook?.();
  globalForTrading.keydeskTradingUnhook = undefined;
  await s?.stop();
}
