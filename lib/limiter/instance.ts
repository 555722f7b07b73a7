// The process's upstream gate, configured from the validated settings.
import "server-only";
import { getEnv } from "@/lib/env";
import { getRedis } from "@/lib/redis";
import { logger } from "@/lib/log";
import { getKeyring } from "@/lib/crypto/instance";
import { createCacheCipher } from "@/lib/crypto/cache-cipher";
import { createUpstreamGate, type UpstreamGate } from "./gate";
import { classifyUpstream } from "./classify";
import { getExchangeClient } from "./exchange-client";

const globalForGate = globalThis as unknown as { keydeskGate?: UpstreamGate };

export function getGate(): UpstreamGate {
  if (!globalForGate.keydeskGate) {
    const env = getEnv();
    globalForGate.keydeskGate = createUpstreamGate({
      ipPerMinute: env.BUDGET_IP_PER_MINUTE,
      accountPerMinute: env.BUDGET_ACCOUNT_PER_MINUTE,
      instanceCount: env.REDIS_URL ? env.KEYDESK_INSTANCE_COUNT : 1,
      redis: env.REDIS_URL ? getRedis() : null,
      // Pub/sub needs a connection of its own (a subscribed connection runs no other commands).
      subscriber: env.REDIS_URL ? getRedis().duplicate() : null,
      // Derived once from the keyring: every value written to Redis is sealed with it.
      cipher: createCacheCipher(getKeyring()),
      keyChecksPerMinute: env.BUDGET_KEY_CHECKS_PER_MINUTE,
      staleMaxMs: env.KEYDESK_STALE_MAX_SECONDS * 1_000,
      memberSharePercent: env.BUDGET_MEMBER_SHARE_PERCENT,
      connectionsPerMinute: env.MARKET_WS_CONNECTIONS_PER_MINUTE,
      classify: classifyUpstream,
      exchange: getExchangeClient,
      logger,
    });
  }
  return globalForGate.keydeskGate;
}

/** The budget key for this deployment's egress IP (shared by all instances). */
export function egressKey(): string {
  return getEnv().KEYDESK_EGRESS_IP ?? "egress";
}
