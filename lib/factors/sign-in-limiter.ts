// Sign-in guesses. From a browser with a valid device token for the account (./device-token.ts)
// they are limited per device only: nobody else's guesses can lock that browser out. Without
// one, per (e-mail, IP) pair, per IP across e-mails, and per e-mail as a ceiling no single IP
// can reach on its own: many addresses can slow down new browsers, never known ones.
// Two-factor codes have limits of their own, shaped the same way. Points are taken before the
// password or code is checked and refunded when the check succeeds (./attempt-limiter.ts).
// Step-up checks (a signed-in user re-entering a password or code) are limited per user.
import "server-only";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { makeLimiter, takePoints, type Taken } from "@/lib/factors/attempt-limiter";
import { getEnv } from "@/lib/env";

export const SIGN_IN_LIMITS = {
  perPair: { points: 5, durationSeconds: 15 * 60 },
  perIp: { points: 30, durationSeconds: 15 * 60 },
  /** The e-mail's ceiling: more than one IP's worth, so one attacking address cannot reach it. */
  perAccount: { points: 20, durationSeconds: 15 * 60 },
  /** A known browser (valid device token): its own guesses only. */
  perDevice: { points: 10, durationSeconds: 15 * 60 },
  /** Two-factor codes after the right password: per pair or device, and per account for new browsers. */
  codePerPair: { points: 5, durationSeconds: 15 * 60 },
  codePerDevice: { points: 5, durationSeconds: 15 * 60 },
  codePerAccount: { points: 10, durationSeconds: 15 * 60 },
  stepUpPerUser: { points: 5, durationSeconds: 15 * 60 },
} as const;

interface Limiters {
  pair: RateLimiterAbstract;
  ip: RateLimiterAbstract;
  account: RateLimiterAbstract;
  device: RateLimiterAbstract;
  codePair: RateLimiterAbstract;
  codeDevice: RateLimiterAbstract;
  codeAccount: RateLimiterAbstract;
  stepUp: RateLimiterAbstract;
  signUp: RateLimiterAbstract;
}

// On globalThis: Next's build gives route handlers and server actions their own copies of this
// module, and an attempt through Auth.js's endpoint must count where the sign-in form's does.
const globalForLimiters = globalThis as unknown as { keydeskSignInLimiters?: Limiters };

function get(): Limiters {
  globalForLimiters.keydeskSignInLimiters ??= {
    pair: makeLimiter("signin:pair", SIGN_IN_LIMITS.perPair),
    ip: makeLimiter("signin:ip", SIGN_IN_LIMITS.perIp),
    account: makeLimiter("signin:acct", SIGN_IN_LIMITS.perAccount),
    device: makeLimiter("signin:device", SIGN_IN_LIMITS.perDevice),
    codePair: makeLimiter("signin:code:pair", SIGN_IN_LIMITS.codePerPair),
    codeDevice: makeLimiter("signin:code:device", SIGN_IN_LIMITS.codePerDevice),
    codeAccount: makeLimiter("signin:code:acct", SIGN_IN_LIMITS.codePerAccount),
    stepUp: makeLimiter("stepup:user", SIGN_IN_LIMITS.stepUpPerUser),
    signUp: makeLimiter("signup:ip", { points: getEnv().KEYDESK_SIGNUPS_PER_IP_PER_HOUR, durationSeconds: 60 * 60 }),
  };
  return globalForLimiters.keydeskSignInLimiters;
}

/**
 * One sign-in attempt's points; refund on success. A known device (its id from a valid token for
 * this e-mail) pays only its own limit; otherwise the pair, then the IP, then the e-mail's ceiling.
 */
export async function takeSignInAttempt(email: string, ip: string, deviceId: string | null = null): Promise<Taken> {
  const l = get();
  const e = email.trim().toLowerCase();
  if (deviceId) return takePoints([{ limiter: l.device, key: `${e}|${deviceId}` }]);
  return takePoints([
    { limiter: l.pair, key: `${e}|${ip}` },
    { limiter: l.ip, key: ip },
    { limiter: l.account, key: e },
  ]);
}

/** One two-factor code checked at sign-in (the password was right): the same shape, limits of its own. */
export async function takeSignInCodeAttempt(email: string, ip: string, deviceId: string | null): Promise<Taken> {
  const l = get();
  const e = email.trim().toLowerCase();
  if (deviceId) return takePoints([{ limiter: l.codeDevice, key: `${e}|${deviceId}` }]);
  return takePoints([
    { limiter: l.codePair, key: `${e}|${ip}` },
    { limiter: l.codeAccount, key: e },
  ]);
}

/** A successful sign-in also forgets the pair's earlier failures (the owner typed it right). */
export async function clearSignInPair(email: string, ip: string, deviceId: string | null = null): Promise<void> {
  const e = email.trim().toLowerCase();
  const l = get();
  await Promise.all([
    l.pair.delete(`${e}|${ip}`).catch(() => undefined),
    deviceId ? l.device.delete(`${e}|${deviceId}`).catch(() => undefined) : undefined,
  ]);
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
  globalForLimiters.keydeskSignInLimiters = undefined;
}
