// Sign-in guesses, limited per (e-mail, IP) pair, per IP across e-mails, and per e-mail as a
// ceiling no single IP can reach on its own (pair limit < ceiling): someone without the
// password cannot lock the owner out from one address. Points are taken before the password
// or code is checked and refunded when the check succeeds (lib/auth/attempt-limiter.ts).
// Step-up checks (a signed-in user re-entering a password or code) are limited per user.
import "server-only";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { makeLimiter, takePoints, type Taken } from "@/lib/auth/attempt-limiter";
import { getEnv } from "@/lib/env";

export const SIGN_IN_LIMITS = {
  perPair: { points: 5, durationSeconds: 15 * 60 },
  perIp: { points: 30, durationSeconds: 15 * 60 },
  /** The e-mail's ceiling: more than one IP's worth, so one attacking address cannot reach it. */
  perAccount: { points: 20, durationSeconds: 15 * 60 },
  stepUpPerUser: { points: 5, durationSeconds: 15 * 60 },
} as const;

interface Limiters {
  pair: RateLimiterAbstract;
  ip: RateLimiterAbstract;
  account: RateLimiterAbstract;
  stepUp: RateLimiterAbstract;
  signUp: RateLimiterAbstract;
}

let limiters: Limiters | undefined;

function get(): Limiters {
  limiters ??= {
    pair: makeLimiter("signin:pair", SIGN_IN_LIMITS.perPair),
    ip: makeLimiter("signin:ip", SIGN_IN_LIMITS.perIp),
    account: makeLimiter("signin:acct", SIGN_IN_LIMITS.perAccount),
    stepUp: makeLimiter("stepup:user", SIGN_IN_LIMITS.stepUpPerUser),
    signUp: makeLimiter("signup:ip", { points: getEnv().KEYDESK_SIGNUPS_PER_IP_PER_HOUR, durationSeconds: 60 * 60 }),
  };
  return limiters;
}

/** One sign-in attempt's points (pair, then IP, then the e-mail's ceiling); refund on success. */
export async function takeSignInAttempt(email: string, ip: string): Promise<Taken> {
  const l = get();
  const e = email.trim().toLowerCase();
  return takePoints([
    { limiter: l.pair, key: `${e}|${ip}` },
    { limiter: l.ip, key: ip },
    { limiter: l.account, key: e },
  ]);
}

/** A successful sign-in also forgets the pair's earlier failures (the owner typed it right). */
export async function clearSignInPair(email: string, ip: string): Promise<void> {
  await get()
    .pair.delete(`${email.trim().toLowerCase()}|${ip}`)
    .catch(() => undefined);
}

/** One step-up check (password or code) by a signed-in user; refund on success. */
export async function takeStepUpAttempt(userId: string): Promise<Taken> {
  return takePoints([{ limiter: get().stepUp, key: userId }]);
}

/** One account creation from an IP: the server's argon2 hash is paid for with the attacker's quota. */
export async function takeSignUpAttempt(ip: string): Promise<Taken> {
  return takePoints([{ limiter: get().signUp, key: ip }]);
}

/** Tests only: forget every count. */
export function resetSignInLimiterForTests(): void {
  limiters = undefined;
}
