// What passkey ceremonies may cost. Every ceremony starts by asking for options, which stores a
// challenge row: anonymous sign-in options are limited per IP, signed-in ones (register,
// step-up) per user. An answer needs a challenge, so answers are bounded by the same points.
// These limits are the passkeys' own: password guesses against an account never lock its
// passkey sign-in, and a passkey sign-in takes nothing from the password limits.
import "server-only";
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { makeLimiter, takePoints, type Taken } from "@/lib/factors/attempt-limiter";

export const PASSKEY_LIMITS = {
  /** One a page visit from a fresh browser (a reload reuses its challenge): a busy office NAT fits. */
  signInOptionsPerIp: { points: 300, durationSeconds: 15 * 60 },
  ceremoniesPerUser: { points: 30, durationSeconds: 15 * 60 },
} as const;

let limiters: { ip: RateLimiterAbstract; user: RateLimiterAbstract } | undefined;

function get() {
  limiters ??= {
    ip: makeLimiter("passkey:ip", PASSKEY_LIMITS.signInOptionsPerIp),
    user: makeLimiter("passkey:user", PASSKEY_LIMITS.ceremoniesPerUser),
  };
  return limiters;
}

export function takeSignInCeremony(ip: string): Promise<Taken> {
  return takePoints([{ limiter: get().ip, key: ip }]);
}

export function takeUserCeremony(userId: string): Promise<Taken> {
  return takePoints([{ limiter: get().user, key: userId }]);
}

/** Tests only: forget every count. */
export function resetPasskeyLimitsForTests(): void {
  limiters = undefined;
}
