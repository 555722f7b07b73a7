// The shared ioredis client, created only when REDIS_URL is set. Commands fail fast
// (no offline queue) so a Redis outage degrades to local fallbacks instead of hanging.
import "server-only";
import { Redis } from "ioredis";
import { getEnv } from "@/lib/env";

const globalForRedis = globalThis as unknown as { keydeskRedis?: Redis };

export function getRedis(): Redis {
  const url = getEnv().REDIS_URL;
  if (!url) throw new Error("getRedis() called without REDIS_URL");
  if (!globalForRedis.keydeskRedis) {
    const client = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 500,
      connectTimeout: 1_000,
      retryStrategy: (times) => Math.min(times * 200, 2_000),
    });
    client.on("error", () => {
      // Connection errors are reported by the limiter's fallback path; avoid an unhandled 'error' event.
    });
    globalForRedis.keydeskRedis = client;
  }
  return globalForRedis.keydeskRedis;
}
