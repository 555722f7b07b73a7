// The WebSocket connection budget: every upgrade to the exchange's streaming host takes one
// connection from here first (lib/market/connection.ts). The exchange refuses upgrades beyond 30
// a minute per address with HTTP 429. The window is fixed (60 s), so two adjacent windows can
// hold twice the setting within one sliding minute: the setting is capped at half the
// exchange's figure (15), and the default is below that. Shared through Redis by every instance
// of the deployment; without Redis (or while it is down) each instance keeps its share locally.
import "server-only";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Redis } from "ioredis";

/** The exchange's figure (reference: 30 upgrades a minute per address). */
export const EXCHANGE_CONNECTIONS_PER_MINUTE = 30;

export class ConnectionBudget {
  private readonly limiter: RateLimiterAbstract;
  /** Upgrades granted by this instance (benchmarks and tests read it). */
  granted = 0;

  constructor(
    readonly perMinute: number,
    redis: Redis | null,
    prefix: string,
    instanceCount = 1,
  ) {
    const keyPrefix = `${prefix}:ws-connections`;
    const safe = Math.max(1, Math.min(perMinute, Math.floor(EXCHANGE_CONNECTIONS_PER_MINUTE / 2)));
    const local = new RateLimiterMemory({
      keyPrefix,
      points: redis ? Math.max(1, Math.floor(safe / Math.max(1, instanceCount))) : safe,
      duration: 60,
    });
    this.limiter = redis
      ? new RateLimiterRedis({
          storeClient: redis,
          keyPrefix,
          points: safe,
          duration: 60,
          insuranceLimiter: local,
          rejectIfRedisNotReady: true,
        })
      : local;
  }

  /** Takes one upgrade for this egress address: null when granted, else the wait in ms. */
  async take(egressIp: string): Promise<number | null> {
    try {
      await this.limiter.consume(egressIp, 1);
      this.granted++;
      return null;
    } catch (err) {
      if (err instanceof RateLimiterRes) return Math.max(err.msBeforeNext, 1_000);
      throw err;
    }
  }

  /** The exchange refused an upgrade (429): nothing more this window, on every instance. */
  async exhaust(egressIp: string, ms = 60_000): Promise<void> {
    await this.limiter.block(egressIp, Math.ceil(ms / 1000)).catch(() => undefined);
  }
}
