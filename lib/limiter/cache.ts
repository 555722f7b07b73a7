// Response cache for exchange reads: in memory, and in Redis when configured (shared by
// every instance). Keys name the account, endpoint and canonical parameters: never a key.
import "server-only";
import type { Redis } from "ioredis";
import { setBounded } from "@/lib/bounded-map";

export interface CachedValue { data: unknown; fetchedAt: number }

const MAX_LOCAL_ENTRIES = 5_000;

export function cacheKeyOf(accountId: string, endpoint: string, params: Record<string, unknown> = {}): string {
  const canonical = Object.keys(params).sort().filter((k) => params[k] !== undefined && params[k] !== null && params[k] !== "").map((k) => `${k}=${String(params[k])}`).join("&");
  return `${accountId}|${endpoint}|${canonical}`;
}

export class ResponseCache {
  private readonly local = new Map<string, { value: CachedValue; until: number }>();
  constructor(private readonly redis: Redis | null, private readonly prefix: string) {}

  private rk(key: string) {
    return `${this.prefix}:cache:${key}`;
  }

  /**
   * The newest value this instance or Redis holds. With `freshForMs`, a value this instance
   * already holds that is younger than that is returned without asking Redis (a cached read
   * then costs no round trip); what Redis returns is remembered locally for as long.
   */
  async get(key: string, freshForMs = 0): Promise<CachedValue | null> {
    const now = Date.now();
    let best: CachedValue | null = null;
    const l = this.local.get(key);
    if (l && l.until > now) best = l.value;
    if (best && now - best.fetchedAt < freshForMs) return best;
    if (this.redis?.status === "ready") {
      const raw = await this.redis.get(this.rk(key)).catch(() => null);
      if (raw) {
        const v = JSON.parse(raw) as CachedValue;
        if (!best || v.fetchedAt > best.fetchedAt) {
          best = v;
          if (freshForMs && now - v.fetchedAt < freshForMs) this.remember(key, v, v.fetchedAt + freshForMs - now);
        }
      }
    }
    return best;
  }

  private remember(key: string, value: CachedValue, keepMs: number) {
    setBounded(this.local, key, { value, until: Date.now() + keepMs }, MAX_LOCAL_ENTRIES);
  }

  /** Stores a value here and in Redis; with `unlock`, releases this caller's lock in the same round trip. */
  async set(key: string, value: CachedValue, keepMs: number, opts: { unlock?: boolean } = {}): Promise<void> {
    this.remember(key, value, keepMs);
    if (this.redis?.status !== "ready") return;
    const batch = this.redis.pipeline().set(this.rk(key), JSON.stringify(value), "PX", keepMs);
    if (opts.unlock) batch.del(this.rk(`lock:${key}`));
    await batch.exec().catch(() => undefined);
  }

  /** Cross-instance single flight: true when this caller should fetch. */
  async lock(key: string, ms: number): Promise<boolean> {
    if (this.redis?.status !== "ready") return true;
    const r = await this.redis.set(this.rk(`lock:${key}`), "1", "PX", ms, "NX").catch(() => "OK");
    return r === "OK";
  }

  async unlock(key: string): Promise<void> {
    if (this.redis?.status === "ready") await this.redis.del(this.rk(`lock:${key}`)).catch(() => undefined);
  }

  async forgetAccount(accountId: string): Promise<void> {
    for (const k of [...this.local.keys()]) if (k.startsWith(`${accountId}|`)) this.local.delete(k);
    if (this.redis?.status === "ready") {
      let cursor = "0";
      do {
        const [next, keys] = await this.redis.scan(cursor, "MATCH", `${this.rk(`${accountId}|`)}*`, "COUNT", 500);
        if (keys.length) await this.redis.del(...keys);
        cursor = next;
      } while (cursor !== "0");
    }
  }
}
