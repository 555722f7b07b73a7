// Limits failed sign-in attempts per account (e-mail) and per client IP, shared across
// instances through Redis when REDIS_URL is set. A success clears the account's count.
import "server-only";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { getEnv } from "@/lib/env";
import { getRedis } from "@/lib/redis";

export const SIGN_IN_LIMITS = {
  perAccount: { points: 5, durationSeconds: 15 * 60 },
  perIp: { points: 30, durationSeconds: 15 * 60 },
} as const;

interface Limiters {
  account: RateLimiterAbstract;
  ip: RateLimiterAbstract;
}

let limiters: Limiters | undefined;

function build(): Limiters {
  const redis = getEnv().REDIS_URL ? getRedis() : null;
  const make = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract =>
    redis
      ? new RateLimiterRedis({
          storeClient: redis,
          keyPrefix,
          points,
          duration,
          // If Redis is down, fall back to a per-process limiter rather than failing open.
          insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
        })
      : new RateLimiterMemory({ keyPrefix, points, duration });
  return {
    account: make("signin:acct", SIGN_IN_LIMITS.perAccount.points, SIGN_IN_LIMITS.perAccount.durationSeconds),
    ip: make("signin:ip", SIGN_IN_LIMITS.perIp.points, SIGN_IN_LIMITS.perIp.durationSeconds),
  };
}

function get(): Limiters {
  limiters ??= build();
  return limiters;
}

/** Seconds to wait before another attempt is allowed, or 0 when allowed now. */
export async function secondsUntilSignInAllowed(email: string, ip: string): Promise<number> {
  const { account, ip: ipLimiter } = get();
  const [a, i] = await Promise.all([account.get(email.toLowerCase()), ipLimiter.get(ip)]);
  const blocked = [
    a && a.consumedPoints >= SIGN_IN_LIMITS.perAccount.points ? a.msBeforeNext : 0,
    i && i.consumedPoints >= SIGN_IN_LIMITS.perIp.points ? i.msBeforeNext : 0,
  ];
  return Math.ceil(Math.max(...blocked) / 1000);
}

export async function recordFailedSignIn(email: string, ip: string): Promise<void> {
  const { account, ip: ipLimiter } = get();
  await Promise.all([
    account.penalty(email.toLowerCase(), 1),
    ipLimiter.penalty(ip, 1),
  ]).catch((e: unknown) => {
    if (!(e instanceof RateLimiterRes)) throw e;
  });
}

export async function clearFailedSignIns(email: string): Promise<void> {
  await get().account.delete(email.toLowerCase());
}

/** Tests only: forget every count. */
export function resetSignInLimiterForTests(): void {
  limiters = undefined;
}
