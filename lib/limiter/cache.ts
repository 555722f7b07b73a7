// Response cache for exchange reads: in memory (this process, plaintext objects), and in
// Redis when configured (shared by every instance), where every value is sealed with the
// cache cipher (AES-256-GCM, lib/crypto/cache-cipher.ts): Redis never holds plaintext
// exchange data. Entries belong to a scope: the key row id that fetched them ("public" for
// market data), never an exchange account, so data is served only to readers of that key.
// Cache keys name the scope, endpoint and canonical parameters: never key material.
import "server-only";
import * as clock from "@/lib/clock";
import type { Redis } from "ioredis";
import { setBounded } from "@/lib/bounded-map";
import type { CacheCipher } from "@/lib/crypto/cache-cipher";

export interface CachedValue {
  data: unknown;
  fetchedAt: number;
}

const MAX_LOCAL_ENTRIES = 5_000;

export function cacheKeyOf(scope: string, endpoint: string, params: Record<string, unknown> = {}): string {
  const canonical = Object.keys(params)
    .sort()
    .filter((k) => params[k] !== undefined && params[k] !== null && params[k] !== "")
    .map((k) => `${k}=${String(params[k])}`)
    .join("&");
  return `${scope}|${endpoint}|${canonical}`;
}

export class ResponseCache {
  private readonly local = new Map<string, { value: CachedValue; until: number }>();
  /** Without a cipher, values are never written to Redis (locks still are). */
  constructor(
    private readonly redis: Redis | null,
    private readonly prefix: string,
    private readonly cipher: CacheCipher | null = null,
  ) {}

  private rk(key: string) {
    return `${this.prefix}:cache:${key}`;
  }

  private decode(key: string, raw: string): CachedValue | null {
    if (!this.cipher) return null;
    const plain = this.cipher.open(key, raw);
    if (plain === null) return null; // unknown master-key version, tampered or foreign: a miss
    try {
      return JSON.parse(plain) as CachedValue;
    } catch {
      return null;
    }
  }

  /**
   * The newest value this instance or Redis holds. With `freshForMs`, a value this instance
   * already holds that is younger than that is returned without asking Redis (a cached read
   * then costs no round trip); what Redis returns is remembered locally for as long.
   */
  async get(key: string, freshForMs = 0): Promise<CachedValue | null> {
    const now = clock.now();
    let best: CachedValue | null = null;
    const l = this.local.get(key);
    if (l && l.until > now) best = l.value;
    if (best && now - best.fetchedAt < freshForMs) return best;
    if (this.redis?.status === "ready" && this.cipher) {
      const raw = await this.redis.get(this.rk(key)).catch(() => null);
      const v = raw ? this.decode(key, raw) : null;
      if (v && (!best || v.fetchedAt > best.fetchedAt)) {
        best = v;
        if (freshForMs && now - v.fetchedAt < freshForMs) this.remember(key, v, v.fetchedAt + freshForMs - now);
      }
    }
    return best;
  }

  private remember(key: string, value: CachedValue, keepMs: number) {
    setBounded(this.local, key, { value, until: clock.now() + keepMs }, MAX_LOCAL_ENTRIES);
  }

  /** Stores a value here and (sealed) in Redis; with `unlock`, releases this caller's lock in the same round trip. */
  async set(key: string, value: CachedValue, keepMs: number, opts: { unlock?: boolean } = {}): Promise<void> {
    this.remember(key, value, keepMs);
    if (this.redis?.status !== "ready") return;
    const batch = this.redis.pipeline();
    if (this.cipher) batch.set(this.rk(key), this.cipher.seal(key, JSON.stringify(value)), "PX", keepMs);
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

  /** Drops this instance's entries of one scope (a key row id). */
  forgetLocal(scope: string): void {
    for (const k of [...this.local.keys()]) if (k.startsWith(`${scope}|`)) this.local.delete(k);
  }

  /** How many live entries of one scope this instance holds (for tests and the purge's proof). */
  localCount(scope: string): number {
    const now = clock.now();
    let n = 0;
    for (const [k, v] of this.local) if (k.startsWith(`${scope}|`) && v.until > now) n++;
    return n;
  }

  /** Drops one scope's entries here and in Redis (every value and lock under it). */
  async forgetScope(scope: string): Promise<void> {
    this.forgetLocal(scope);
    if (this.redis?.status !== "ready") return;
    for (const pattern of [`${this.rk(`${scope}|`)}*`, `${this.rk(`lock:${scope}|`)}*`]) {
      let cursor = "0";
      do {
        const [next, keys] = await this.redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
        if (keys.length) await this.redis.del(...keys);
        cursor = next;
      } while (cursor !== "0");
    }
  }
}
