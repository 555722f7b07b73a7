// A per-user ceiling on exchange calls that check a key (add-key live check, "Check again",
// share check). A key the exchange rejects is never stored, so nothing else would stop
// someone retrying forever: with this, 50 rejected attempts in a minute cost the exchange
// at most this many calls, on top of the IP and user layers every call passes anyway.
import "server-only";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Redis } from "ioredis";

export class KeyCheckLimiter {
  private readonly limiter: RateLimiterAbstract;

  constructor(
    readonly perMinute: number,
    redis: Redis | null,
    prefix: string,
  ) {
    const keyPrefix = `${prefix}:key-checks`;
    const local = new RateLimiterMemory({ keyPrefix, points: perMinute, duration: 60 });
    this.limiter = redis
      ? new RateLimiterRedis({
          storeClient: redis,
          keyPrefix,
          points: perMinute,
          duration: 60,
          insuranceLimiter: local,
          rejectIfRedisNotReady: true,
        })
      : local;
  }

  /** Takes one check for this user; the wait in ms when their checks are spent, else null. */
  async take(userId: string): Promise<number | null> {
    try {
      await this.limiter.consume(userId, 1);
      return null;
    } catch (err) {
      if (err instanceof RateLimiterRes) return Math.max(err.msBeforeNext, 1_000);
      throw err;
    }
  }
}
