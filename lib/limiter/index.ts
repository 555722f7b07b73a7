// The upstream gate: cache → coalesce → budget → fetch, with stale-while-revalidate when
// the budget is tight or the exchange fails. The fetcher (which decrypts the key and calls
// the exchange) runs only when an upstream call will really happen.
import "server-only";
import type { Redis } from "ioredis";
import { Budget, BudgetExceededError, type Layer } from "./budget";
import { Cooldowns } from "./cooldowns";
import { cacheKeyOf, ResponseCache, type CachedValue } from "./cache";
import { CACHE_POLICY, MAX_WAIT_WITH_STALE_MS, type Endpoint, type Priority, type StaleReason } from "./policy";
import { timed } from "@/lib/http/request-context";
import { setBounded } from "@/lib/bounded-map";

export { BudgetExceededError } from "./budget";
export type { Endpoint, Priority, StaleReason } from "./policy";

export interface GateOptions {
  ipPerMinute: number;
  accountPerMinute: number;
  userPerMinute: number;
  instanceCount: number;
  redis?: Redis | null;
  keyPrefix?: string;
  logger?: { warn: (o: object, m: string) => void; info: (o: object, m: string) => void };
  maxWaitMs?: Partial<Record<Priority, number>>;
}

export interface Freshness<T> {
  data: T;
  fetchedAt: string;
  source: "live" | "cache" | "stale";
  staleReason?: StaleReason;
  retryAfterSeconds?: number;
}

/** What the caller's error classifier says about an upstream failure. */
export interface UpstreamFailure {
  staleReason: StaleReason;
  /** Serve stale data (true) or surface the error (false, e.g. a revoked key for the owner). */
  serveStale: boolean;
  cooldown?: { kind: "ip" | "account"; ms: number };
}

export interface FetchRequest<T> {
  accountId: string;
  endpoint: Endpoint;
  params?: Record<string, unknown>;
  userId: string;
  egressIp: string;
  priority: Priority;
  fetcher: () => Promise<{ data: T; remainingQuota?: number | null }>;
  classify: (err: unknown) => UpstreamFailure | null;
  /** Told about every upstream failure, whether or not stale data hides it from the viewer. */
  onUpstreamError?: (err: unknown) => Promise<void>;
  /** Skip a fresh cache entry (a "refresh" button); still coalesced and budgeted. */
  refresh?: boolean;
  /**
   * Called once when this read is about to go upstream (no fresh value, not coalesced), before
   * the lock and the budget are taken: the caller can start work the fetcher needs (reading the
   * key's envelope) alongside them. The fetcher may still not run (budget spent, another
   * instance fetched it).
   */
  prepare?: () => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long a failed read keeps its failure as the stale label while pacing delays the retry. */
const FAILURE_LABEL_MS = 60_000;

export class UpstreamGate {
  readonly budget: Budget;
  readonly cooldowns: Cooldowns;
  readonly cache: ResponseCache;
  private readonly inflight = new Map<string, Promise<Freshness<unknown>>>();
  private lastMode: "memory" | "redis" | "fallback";
  upstreamCalls = 0;

  constructor(private readonly opts: GateOptions) {
    const prefix = opts.keyPrefix ?? "keydesk";
    this.cooldowns = new Cooldowns(opts.redis ?? null, prefix);
    this.cache = new ResponseCache(opts.redis ?? null, prefix);
    this.budget = new Budget({ ...opts, redis: opts.redis ?? null, keyPrefix: prefix, cooldowns: this.cooldowns });
    this.lastMode = this.mode();
  }

  mode(): "memory" | "redis" | "fallback" {
    if (!this.opts.redis) return "memory";
    return this.opts.redis.status === "ready" ? "redis" : "fallback";
  }

  private noteMode() {
    const m = this.mode();
    if (m !== this.lastMode) {
      const msg = m === "fallback" ? "Redis unreachable: using a conservative local share of the upstream budget" : `upstream budget store: ${m}`;
      this.opts.logger?.warn({ mode: m, instanceCount: this.opts.instanceCount }, msg);
      this.lastMode = m;
    }
  }

  async fetch<T>(req: FetchRequest<T>): Promise<Freshness<T>> {
    this.noteMode();
    const key = cacheKeyOf(req.accountId, req.endpoint, req.params);
    const policy = CACHE_POLICY[req.endpoint];
    let cached: CachedValue | null = null;
    if (!req.refresh) {
      cached = await this.cache.get(key, policy.ttlMs);
      if (cached && Date.now() - cached.fetchedAt < policy.ttlMs) {
        return { data: cached.data as T, fetchedAt: new Date(cached.fetchedAt).toISOString(), source: "cache" };
      }
    }
    const running = this.inflight.get(key);
    if (running) return running as Promise<Freshness<T>>;
    const p = this.fetchUpstream(req, key, cached).finally(() => this.inflight.delete(key));
    this.inflight.set(key, p as Promise<Freshness<unknown>>);
    return p;
  }

  /** The last upstream failure of each read that has not succeeded since (this instance). */
  private readonly failures = new Map<string, { reason: StaleReason; at: number }>();

  private noteFailure(key: string, reason: StaleReason) {
    setBounded(this.failures, key, { reason, at: Date.now() }, 5_000);
  }

  private recentFailure(key: string): StaleReason | null {
    const f = this.failures.get(key);
    return f && Date.now() - f.at < FAILURE_LABEL_MS ? f.reason : null;
  }

  private stale<T>(cached: { data: unknown; fetchedAt: number } | null, reason: StaleReason, retryAfterMs: number | undefined, err: unknown): Freshness<T> {
    if (!cached) throw err;
    return { data: cached.data as T, fetchedAt: new Date(cached.fetchedAt).toISOString(), source: "stale", staleReason: reason, ...(retryAfterMs ? { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) } : {}) };
  }

  /** `known`: the value the cache lookup found (a refresh skips that lookup and reads it here, alongside the lock). */
  private async fetchUpstream<T>(req: FetchRequest<T>, key: string, known: CachedValue | null): Promise<Freshness<T>> {
    const policy = CACHE_POLICY[req.endpoint];
    req.prepare?.();
    const last = req.refresh ? this.cache.get(key) : known;
    if (last instanceof Promise) last.catch(() => undefined); // awaited after the lock
    // Another instance may be fetching the same thing: wait briefly for its result. The first
    // budget attempt (cool-downs, then all three layers) travels with the lock; when another
    // instance holds the lock, what it took is given back.
    const budgetKeys = { ip: req.egressIp, account: req.accountId, user: req.userId };
    const early = this.budget.begin(budgetKeys, req.priority);
    let owner = await timed("lock", () => this.cache.lock(key, 5_000));
    const lockedHere = owner;
    const cached = await last;
    if (!owner) {
      await this.budget.abandon(early, budgetKeys);
      for (let waited = 0; waited < 3_000; waited += 50) {
        await sleep(50);
        const v = await this.cache.get(key);
        if (v && (!cached || v.fetchedAt > cached.fetchedAt)) return { data: v.data as T, fetchedAt: new Date(v.fetchedAt).toISOString(), source: "cache" };
      }
    }
    try {
      try {
        const maxWaitMs = cached ? MAX_WAIT_WITH_STALE_MS[req.priority] : undefined;
        await timed("budget", () => this.budget.acquire(budgetKeys, req.priority, { maxWaitMs, early: lockedHere ? early : undefined }));
      } catch (err) {
        if (err instanceof BudgetExceededError) {
          // Pacing is only why this request didn't retry: when the exchange's last answer for
          // this read was a failure, that failure is why the data is old, and the label says so.
          const failed = this.recentFailure(key);
          const reason: StaleReason = err.reason === "ip_blocked" ? "ip_blocked" : err.reason === "account_cooldown" ? "account_cooldown" : failed ?? "rate_limited";
          return this.stale(cached, reason, err.retryAfterMs, err);
        }
        throw err;
      }
      this.upstreamCalls++;
      try {
        const result = await req.fetcher();
        const now = Date.now();
        this.failures.delete(key);
        // Stored here at once; in Redis (with the lock's release) without holding up this answer.
        // Instances waiting for the lock poll for it every 50 ms.
        this.cache.set(key, { data: result.data, fetchedAt: now }, policy.staleMs, { unlock: owner }).catch(() => undefined);
        owner = false;
        if (typeof result.remainingQuota === "number" && result.remainingQuota <= 20) {
          // The exchange counts more than we sent (another tool shares the account): back off.
          await this.cooldowns.set("account", req.accountId, 60_000);
        }
        return { data: result.data, fetchedAt: new Date(now).toISOString(), source: "live" };
      } catch (err) {
        await req.onUpstreamError?.(err);
        const f = req.classify(err);
        if (f?.serveStale) this.noteFailure(key, f.staleReason);
        if (f?.cooldown) await this.cooldowns.set(f.cooldown.kind, f.cooldown.kind === "ip" ? req.egressIp : req.accountId, f.cooldown.ms);
        if (!f || !f.serveStale) throw err;
        return this.stale(cached, f.staleReason, f.cooldown?.ms, err);
      }
    } finally {
      if (owner) await this.cache.unlock(key);
    }
  }

  async usage(egressIp: string, accountIds: string[], userId: string) {
    const plans = this.budget.plans();
    const layer = async (l: Layer, k: string) => ({ usedThisWindow: await this.budget.used(l, k), ...plans[l] });
    const cooldowns = await this.cooldowns.active(egressIp, accountIds);
    return {
      mode: this.mode(),
      instanceCount: this.opts.instanceCount,
      ip: { key: egressIp, ...(await layer("ip", egressIp)), blockedForMs: cooldowns.ip },
      user: await layer("user", userId),
      accounts: await Promise.all(accountIds.map(async (a) => ({ accountId: a, ...(await layer("account", a)), cooldownMs: cooldowns.accounts[a] ?? 0 }))),
    };
  }

  async forgetAccount(accountId: string): Promise<void> {
    await this.cache.forgetAccount(accountId);
  }
}

export function createUpstreamGate(opts: GateOptions): UpstreamGate {
  return new UpstreamGate(opts);
}
