// Consume-before-verify: a point is taken from every limiter an attempt counts against BEFORE
// the secret (password, code) is checked, atomically (Redis INCR / one synchronous step in
// memory), and handed back only when the check succeeds. A burst of parallel attempts
// therefore gets exactly as many checks as a serial one. Shared across instances through
// Redis when REDIS_URL is set; a per-process limiter stands in if Redis fails (never fail open).
import "server-only";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { getEnv } from "@/lib/env";
import { getRedis } from "@/lib/redis";

export interface Limit {
  points: number;
  durationSeconds: number;
}

export function makeLimiter(keyPrefix: string, limit: Limit): RateLimiterAbstract {
  const redis = getEnv().REDIS_URL ? getRedis() : null;
  const memory = () => new RateLimiterMemory({ keyPrefix, points: limit.points, duration: limit.durationSeconds });
  return redis
    ? new RateLimiterRedis({
        storeClient: redis,
        keyPrefix,
        points: limit.points,
        duration: limit.durationSeconds,
        insuranceLimiter: memory(),
      })
    : memory();
}

/**
 * A refusal (rate-limiter-flexible rejects with a RateLimiterRes). Told by its shape as well as
 * its class: limiters are shared on globalThis, and a second copy of the library in a bundle
 * would have a class of its own.
 */
function isRefusal(err: unknown): err is { msBeforeNext: number } {
  return (
    err instanceof RateLimiterRes ||
    (typeof err === "object" &&
      err !== null &&
      !(err instanceof Error) &&
      typeof (err as { msBeforeNext?: unknown }).msBeforeNext === "number" &&
      typeof (err as { remainingPoints?: unknown }).remainingPoints === "number")
  );
}

export type Taken =
  | { ok: true; refund: () => Promise<void> }
  | { ok: false; retryAfterSeconds: number; /** which step refused */ step: number };

/**
 * Takes one point from each (limiter, key) in order. When one refuses, the points already taken
 * in this attempt are handed back and nothing further is consumed: an attempt refused by a
 * narrow limit (e-mail + IP) never counts against a wider one (the e-mail's ceiling).
 */
export async function takePoints(steps: { limiter: RateLimiterAbstract; key: string }[]): Promise<Taken> {
  const taken: { limiter: RateLimiterAbstract; key: string }[] = [];
  const giveBack = async () => {
    await Promise.all(taken.map((t) => t.limiter.reward(t.key, 1).catch(() => undefined)));
  };
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    try {
      await step.limiter.consume(step.key, 1);
      taken.push(step);
    } catch (err) {
      if (!isRefusal(err)) {
        await giveBack();
        throw err;
      }
      await giveBack();
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)), step: i };
    }
  }
  let refunded = false;
  return {
    ok: true,
    refund: async () => {
      if (refunded) return;
      refunded = true;
      await giveBack();
    },
  };
}
