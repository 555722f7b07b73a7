// Each reader's fair share of a shared key. A member (someone a key is shared with) can't spend
// its owner's exchange budget: (1) their `refresh` skips the cache only when the cached answer
// is at least MEMBER_REFRESH_MIN_AGE_MS old and at most MEMBER_REFRESHES_PER_MINUTE times a
// minute per member and key, otherwise the cached answer comes back labelled; (2) all members
// together cause at most `memberSharePercent` of an account's per-minute budget in exchange
// calls (a rolling minute, shared through Redis when configured), so the owner keeps the rest.
import "server-only";
import * as clock from "@/lib/clock";
import type { Redis } from "ioredis";
import { randomBytes } from "node:crypto";

export const MEMBER_REFRESH_MIN_AGE_MS = 5_000;
export const MEMBER_REFRESHES_PER_MINUTE = 3;
const WINDOW_MS = 60_000;

type RefreshDeclined = "too_soon" | "too_often";

const TAKE_LUA = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return tonumber(oldest[2]) + window - now
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
return -1`;

/** Events in a rolling minute, at most `limit`: in Redis (every instance) or in this process. */
class RollingCounter {
  private readonly local = new Map<string, { at: number; id: string }[]>();
  constructor(
    private readonly redis: Redis | null,
    private readonly prefix: string,
  ) {}

  private live(key: string, now: number) {
    const list = (this.local.get(key) ?? []).filter((e) => e.at > now - WINDOW_MS);
    if (list.length) this.local.set(key, list);
    else this.local.delete(key);
    return list;
  }

  /** Takes one: its id (to give it back), or how long until one is free. */
  async take(key: string, limit: number): Promise<{ id: string } | { retryAfterMs: number }> {
    const now = clock.now();
    const id = `${now}:${randomBytes(6).toString("hex")}`;
    if (this.redis?.status === "ready") {
      try {
        const r = Number(await this.redis.eval(TAKE_LUA, 1, `${this.prefix}:${key}`, now, WINDOW_MS, limit, id));
        return r < 0 ? { id } : { retryAfterMs: Math.max(1, r) };
      } catch {
        // Redis failed mid-call: this instance's own count stands in (never fail open)
      }
    }
    const list = this.live(key, now);
    if (list.length >= limit) return { retryAfterMs: Math.max(1, list[0]!.at + WINDOW_MS - now) };
    list.push({ at: now, id });
    this.local.set(key, list);
    return { id };
  }

  async giveBack(key: string, id: string): Promise<void> {
    const list = this.local.get(key);
    if (list)
      this.local.set(
        key,
        list.filter((e) => e.id !== id),
      );
    if (this.redis?.status === "ready") await this.redis.zrem(`${this.prefix}:${key}`, id).catch(() => undefined);
  }

  async used(key: string): Promise<number> {
    const now = clock.now();
    if (this.redis?.status === "ready") {
      const n = await this.redis.zcount(`${this.prefix}:${key}`, now - WINDOW_MS, "+inf").catch(() => null);
      if (n !== null) return n;
    }
    return this.live(key, now).length;
  }
}

interface ReaderShareOptions {
  redis: Redis | null;
  keyPrefix: string;
  accountPerMinute: number;
  /** Members' share of an account's budget, in percent (at most 50: the owner keeps at least half). */
  memberSharePercent: number;
}

export class ReaderShare {
  private readonly counter: RollingCounter;
  /** Exchange calls all members together may cause per account and rolling minute. */
  readonly memberCallsPerMinute: number;
  readonly memberSharePercent: number;

  constructor(opts: ReaderShareOptions) {
    this.counter = new RollingCounter(opts.redis, `${opts.keyPrefix}:readers`);
    this.memberSharePercent = Math.min(50, Math.max(1, opts.memberSharePercent));
    this.memberCallsPerMinute = Math.max(1, Math.floor((opts.accountPerMinute * this.memberSharePercent) / 100));
  }

  /** Null when a member's refresh may skip the cache; otherwise why the cached answer comes back. */
  async declineRefresh(
    userId: string,
    keyId: string,
    cachedAt: number | null,
  ): Promise<{ reason: RefreshDeclined; retryAfterMs: number } | null> {
    if (cachedAt !== null && clock.now() - cachedAt < MEMBER_REFRESH_MIN_AGE_MS)
      return { reason: "too_soon", retryAfterMs: cachedAt + MEMBER_REFRESH_MIN_AGE_MS - clock.now() };
    const r = await this.counter.take(`refresh:${userId}|${keyId}`, MEMBER_REFRESHES_PER_MINUTE);
    return "id" in r ? null : { reason: "too_often", retryAfterMs: r.retryAfterMs };
  }

  /** One exchange call a member's read causes on this account: a way to give it back, or the wait. */
  async takeMemberCall(
    account: string,
  ): Promise<{ ok: true; giveBack: () => Promise<void> } | { ok: false; retryAfterMs: number }> {
    const key = `members:${account}`;
    const r = await this.counter.take(key, this.memberCallsPerMinute);
    if (!("id" in r)) return { ok: false, retryAfterMs: r.retryAfterMs };
    return { ok: true, giveBack: () => this.counter.giveBack(key, r.id) };
  }

  /** The budget meter's figure: members' calls on this account in the last minute. */
  memberCallsUsed(account: string): Promise<number> {
    return this.counter.used(`members:${account}`);
  }
}
