// The upstream gate, the one road to the exchange. Reads: cache → coalesce → budget → fetch,
// with stale-while-revalidate when the budget is tight or the exchange fails; cached data and
// coalescing belong to the key that fetched it (never to an exchange account). One-off calls
// (key checks, health, cancel-all): budget → call, see call(). The fetcher (which decrypts the
// key and calls the exchange) runs only when an upstream call will really happen. An exchange
// account id is used (account budget, cool-downs) only once the exchange has accepted a key for
// it. What a failure means is the gate's configuration (GateOptions.classify), set once.
import "server-only";
import { now } from "@/lib/clock";
import { Budget, BudgetExceededError } from "./budget";
import { Cooldowns } from "./cooldowns";
import { cacheKeyOf, ResponseCache, type CachedValue } from "./cache";
import { CACHE_POLICY, MAX_WAIT_WITH_STALE_MS, type Endpoint, type StaleReason } from "./policy";
import type { CallRequest, FetchRequest, Freshness, GateOptions, UpstreamFailure } from "./types";
import type { ExchangeClient } from "@/lib/exchange/client";
import { KeyControl } from "./key-control";
import { FailureLabels, refusedKeyAnswer, staleAnswer } from "./stale";
import { KeyCheckLimiter } from "./key-checks";
import { timed } from "@/lib/request-context";
import { ReaderShare } from "./reader-share";
import { ConnectionBudget } from "./connections";
import { countCacheRead, countExchangeCall } from "@/lib/metrics/hooks";

/** The pause between looks at the cache while another instance holds the lock (an I/O poll, not a measured time). */
const pollPause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Endpoints whose background reads are pages read once (exports), not kept in the cache. */
const READ_ONCE: ReadonlySet<Endpoint> = new Set(["orders", "trades"]);

export class UpstreamGate {
  readonly budget: Budget;
  readonly cooldowns: Cooldowns;
  readonly cache: ResponseCache;
  /** Each key's standing on every instance: failed, stopped, cleared, purged (./key-control.ts). */
  readonly keys: KeyControl;
  private readonly keyChecks: KeyCheckLimiter;
  /** Members' refreshes and their share of each account's calls (./reader-share.ts). */
  readonly readers: ReaderShare;
  /** WebSocket upgrades to the exchange's streaming host (./connections.ts): a budget of their own. */
  readonly connections: ConnectionBudget;
  private readonly staleMaxMs: number;
  private readonly failures = new FailureLabels();
  private readonly inflight = new Map<string, Promise<Freshness<unknown>>>();
  private lastMode: "memory" | "redis" | "fallback";
  private readonly classify: (err: unknown) => UpstreamFailure | null;
  private readonly exchange: () => ExchangeClient;
  upstreamCalls = 0;

  constructor(private readonly opts: GateOptions) {
    const prefix = opts.keyPrefix ?? "keydesk";
    this.cooldowns = new Cooldowns(opts.redis ?? null, prefix);
    this.cache = new ResponseCache(opts.redis ?? null, prefix, opts.cipher ?? null);
    this.budget = new Budget({ ...opts, redis: opts.redis ?? null, keyPrefix: prefix, cooldowns: this.cooldowns });
    this.keyChecks = new KeyCheckLimiter(opts.keyChecksPerMinute ?? 10, opts.redis ?? null, prefix);
    this.readers = new ReaderShare({
      redis: opts.redis ?? null,
      keyPrefix: prefix,
      accountPerMinute: opts.accountPerMinute,
      memberSharePercent: opts.memberSharePercent ?? 25,
    });
    this.connections = new ConnectionBudget(
      opts.connectionsPerMinute ?? 12,
      opts.redis ?? null,
      prefix,
      opts.instanceCount,
    );
    this.staleMaxMs = opts.staleMaxMs ?? 3_600_000;
    this.keys = new KeyControl(opts.redis ?? null, opts.subscriber ?? null, prefix, this.cache);
    this.lastMode = this.mode();
    this.classify = opts.classify ?? (() => null);
    this.exchange =
      opts.exchange ??
      (() => {
        throw new Error("This gate was made without an exchange client (GateOptions.exchange).");
      });
  }

  /** How many instances share the budget (the meter shows it). */
  get instanceCount() {
    return this.opts.instanceCount;
  }

  /** How long a value of this endpoint is kept: fresh for its TTL, then stale up to the stale maximum. */
  private keepMs(endpoint: Endpoint): number {
    const p = CACHE_POLICY[endpoint];
    return Math.max(p.ttlMs, Math.min(p.staleMs, this.staleMaxMs));
  }

  private budgetKeys(req: { egressIp: string; accountId: string | null; userId: string | null }, scope: string) {
    // A key never accepted by the exchange has no account: its calls count on a layer of their own.
    return { ip: req.egressIp, account: req.accountId ?? `scope:${scope}`, user: req.userId ?? "anonymous" };
  }

  mode(): "memory" | "redis" | "fallback" {
    if (!this.opts.redis) return "memory";
    return this.opts.redis.status === "ready" ? "redis" : "fallback";
  }

  private noteMode() {
    const m = this.mode();
    if (m !== this.lastMode) {
      const msg =
        m === "fallback"
          ? "Redis unreachable: using a conservative local share of the upstream budget"
          : `upstream budget store: ${m}`;
      this.opts.logger?.warn({ mode: m, instanceCount: this.opts.instanceCount }, msg);
      this.lastMode = m;
    }
  }

  async fetch<T>(req: FetchRequest<T>): Promise<Freshness<T>> {
    this.noteMode();
    const key = cacheKeyOf(req.keyId ?? "public", req.endpoint, req.params);
    const policy = CACHE_POLICY[req.endpoint];
    if (req.keyId) {
      const failed = this.keys.states.get(req.keyId) ?? req.knownFailure ?? null;
      if (failed) return refusedKeyAnswer<T>(await this.cache.get(key), failed);
    }
    // A member's refresh is honoured only within their share; otherwise it is a plain read, labelled.
    const declined =
      req.refresh && req.reader === "member" && req.keyId
        ? await this.readers.declineRefresh(req.userId, req.keyId, (await this.cache.get(key))?.fetchedAt ?? null)
        : null;
    if (declined) req = { ...req, refresh: false };
    const label = declined
      ? { refreshDeclined: declined.reason, retryAfterSeconds: Math.ceil(declined.retryAfterMs / 1000) }
      : {};
    let cached: CachedValue | null = null;
    if (!req.refresh) {
      cached = await this.cache.get(key, policy.ttlMs);
      if (cached && now() - cached.fetchedAt < policy.ttlMs) {
        countCacheRead(req.endpoint, "hit");
        return {
          data: cached.data as T,
          fetchedAt: new Date(cached.fetchedAt).toISOString(),
          source: "cache",
          ...label,
        };
      }
    }
    const running = this.inflight.get(key);
    if (running) {
      countCacheRead(req.endpoint, "coalesced");
      return running as Promise<Freshness<T>>;
    }
    const p = this.fetchUpstream(req, key, cached).finally(() => this.inflight.delete(key));
    this.inflight.set(key, p as Promise<Freshness<unknown>>);
    return p;
  }

  /** What an upstream failure changes for everyone: cool-downs (an account's only once accepted) and the key's state. */
  private async noteUpstreamFailure(
    f: UpstreamFailure | null,
    req: { egressIp: string; accountId: string | null; keyId: string | null },
  ): Promise<void> {
    if (!f) return;
    if (f.cooldown?.kind === "ip") await this.cooldowns.set("ip", req.egressIp, f.cooldown.ms);
    else if (f.cooldown && req.accountId) await this.cooldowns.set("account", req.accountId, f.cooldown.ms);
    if (f.keyFailure && req.keyId) {
      await this.keys.failed(
        req.keyId,
        f.staleReason === "key_revoked" ? "key_revoked" : "key_rejected",
        f.keyFailure.code,
      );
    }
  }

  /** `known`: the value the cache lookup found (a refresh skips that lookup and reads it here, alongside the lock). */
  private async fetchUpstream<T>(req: FetchRequest<T>, key: string, known: CachedValue | null): Promise<Freshness<T>> {
    req.prepare?.();
    const last = req.refresh ? this.cache.get(key) : known;
    if (last instanceof Promise) last.catch(() => undefined); // awaited after the lock
    // Another instance may be fetching the same thing: wait briefly for its result. The first
    // budget attempt (cool-downs, then all three layers) travels with the lock; when another
    // instance holds the lock, what it took is given back.
    const budgetKeys = this.budgetKeys(req, req.keyId ?? "public");
    const early = this.budget.begin(budgetKeys, req.priority);
    let owner = await timed("lock", () => this.cache.lock(key, 5_000));
    const lockedHere = owner;
    const cached = await last;
    if (!owner) {
      await this.budget.abandon(early, budgetKeys);
      for (let waited = 0; waited < 3_000; waited += 50) {
        await pollPause(50);
        const v = await this.cache.get(key);
        if (v && (!cached || v.fetchedAt > cached.fetchedAt)) {
          countCacheRead(req.endpoint, "coalesced");
          return { data: v.data as T, fetchedAt: new Date(v.fetchedAt).toISOString(), source: "cache" };
        }
      }
    }
    countCacheRead(req.endpoint, "miss");
    const scope = { key, endpoint: req.endpoint, accountId: req.accountId, egressIp: req.egressIp };
    try {
      // Members together stay within their share of the account: past it, the last value, labelled.
      const memberCall = req.reader === "member" ? await this.readers.takeMemberCall(budgetKeys.account) : null;
      if (memberCall && !memberCall.ok) {
        if (lockedHere) await this.budget.abandon(early, budgetKeys);
        const err = new BudgetExceededError("account", memberCall.retryAfterMs);
        return staleAnswer(cached, this.failures.recent(scope) ?? "rate_limited", memberCall.retryAfterMs, err);
      }
      let token: string;
      try {
        const maxWaitMs = req.noWait ? 0 : cached ? MAX_WAIT_WITH_STALE_MS[req.priority] : undefined;
        token = await timed("budget", () =>
          this.budget.acquire(budgetKeys, req.priority, { maxWaitMs, early: lockedHere ? early : undefined }),
        );
      } catch (err) {
        if (memberCall?.ok) await memberCall.giveBack();
        if (err instanceof BudgetExceededError) {
          // Pacing is only why this request didn't retry: when the exchange's last answer for
          // this read was a failure, that failure is why the data is old, and the label says so.
          const failed = this.failures.recent(scope);
          const reason: StaleReason =
            err.reason === "ip_blocked"
              ? "ip_blocked"
              : err.reason === "account_cooldown"
                ? "account_cooldown"
                : (failed ?? "rate_limited");
          return staleAnswer(cached, reason, err.retryAfterMs, err);
        }
        throw err;
      }
      this.upstreamCalls++;
      // However the call ends, its slot is held for a minute from then (Budget.settle).
      const settle = () => void this.budget.settle(token, budgetKeys).catch(() => undefined);
      try {
        const result = await req.fetcher(this.exchange).finally(settle);
        countExchangeCall(req.endpoint, "ok");
        const at = now();
        this.failures.clear(scope);
        // A key stopped while this call was out: its answer is not kept anywhere.
        if (req.keyId && this.keys.isStopped(req.keyId)) {
          return { data: result.data, fetchedAt: new Date(at).toISOString(), source: "live" };
        }
        // Stored here at once; in Redis (with the lock's release) without holding up this answer.
        // Instances waiting for the lock poll for it every 50 ms. A history page read in the
        // background (an export's, read once; it would never serve a stale copy either) is not
        // kept, so an export over years doesn't hold every page here for the stale period.
        if (!(req.priority === "background" && READ_ONCE.has(req.endpoint))) {
          this.cache
            .set(key, { data: result.data, fetchedAt: at }, this.keepMs(req.endpoint), { unlock: owner })
            .catch(() => undefined);
          owner = false;
        }
        if (req.accountId && typeof result.remainingQuota === "number" && result.remainingQuota <= 20) {
          // The exchange counts more than we sent (another tool shares the account): back off.
          await this.cooldowns.set("account", req.accountId, 60_000);
        }
        return { data: result.data, fetchedAt: new Date(at).toISOString(), source: "live" };
      } catch (err) {
        await req.onUpstreamError?.(err);
        const f = (req.classify ?? this.classify)(err);
        countExchangeCall(req.endpoint, f?.staleReason ?? "error");
        if (f?.serveStale) this.failures.note(scope, f.staleReason);
        await this.noteUpstreamFailure(f, req);
        if (!f || !f.serveStale) throw err;
        return staleAnswer(cached, f.staleReason, f.cooldown?.ms, err);
      }
    } finally {
      if (owner) await this.cache.unlock(key);
    }
  }

  /**
   * One exchange call that is not a cached read, through the same budget: key checks also
   * take one of their user's key checks first. A success clears a key's failure (Check
   * again); a failure sets cool-downs and the key's state like a read's.
   */
  async call<T>(req: CallRequest<T>): Promise<T> {
    this.noteMode();
    if (req.purpose === "key_check") {
      const wait = await this.keyChecks.take(req.userId ?? `anonymous:${req.egressIp}`);
      if (wait !== null) throw new BudgetExceededError("checks", wait, "key_checks");
    }
    const scope = req.keyId ?? `${req.purpose}:${req.userId ?? "anonymous"}`;
    const keys = this.budgetKeys(req, scope);
    const token = await timed("budget", () => this.budget.acquire(keys, req.priority, { maxWaitMs: req.maxWaitMs }));
    this.upstreamCalls++;
    let result: T;
    try {
      result = await req.fn(this.exchange).finally(() => void this.budget.settle(token, keys).catch(() => undefined));
    } catch (err) {
      const f = (req.classify ?? this.classify)(err);
      countExchangeCall(req.purpose, f?.staleReason ?? "error");
      await this.noteUpstreamFailure(f, req);
      throw err;
    }
    countExchangeCall(req.purpose, "ok");
    // Told to every instance, even one that never saw the failure (it may have heard of it from the stored status).
    // A cancel-all may run on a stopped key: its success says nothing that lifts the stop.
    if (req.keyId && req.purpose !== "cancel_all") await this.keys.cleared(req.keyId);
    return result;
  }

  /** Closes the pub/sub connection (tests, shutdown). */
  close(): void {
    this.keys.close();
  }
}

export function createUpstreamGate(opts: GateOptions): UpstreamGate {
  return new UpstreamGate(opts);
}
