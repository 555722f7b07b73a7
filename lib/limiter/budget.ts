// The upstream budget: three layers checked before every exchange call, all shared through
// Redis when configured — the egress IP (every user of this deployment), the exchange account
// behind the key (every viewer of that account), and the signed-in user (shown in the usage
// meter). Each layer is a rolling minute with a hard ceiling, shared max-min fairly between
// the people asking (./fair-share.ts): one person alone may use all of it, several busy people
// converge to equal shares, and interactive reads come before background work.
import "server-only";
import { now, sleep, usesSystemClock } from "@/lib/clock";
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import type { WindowPlan } from "./window-math";
import { BACKGROUND_RESERVE, MAX_WAIT_MS, type Priority } from "./policy";
import type { Cooldown, Cooldowns } from "./cooldowns";
import {
  ACTIVE_MS,
  DEMAND_GRACE_MS,
  layerAsk,
  OWED_AFTER,
  PACE_BURST,
  PACE_LOOKBACK_SLOTS,
  WINDOW_MS,
  YIELD_RETRY_MS,
} from "./fair-share";
import { FAIR_REFUND_LUA, FAIR_SETTLE_LUA, FAIR_TAKE_LUA } from "./fair-share-lua";
import { MemoryFairStore, type LayerSpec, type TakeResult } from "./memory-store";
import { countBudgetRefusal } from "@/lib/metrics/hooks";

export type Layer = "ip" | "account" | "user";
export type { TakeResult } from "./memory-store";

export class BudgetExceededError extends Error {
  constructor(
    public readonly layer: Layer | "cooldown" | "checks",
    public readonly retryAfterMs: number,
    public readonly reason: "budget" | "account_cooldown" | "ip_blocked" | "key_checks" = "budget",
  ) {
    super(`upstream budget exhausted (${layer}); retry in ${Math.ceil(retryAfterMs / 1000)} s`);
    this.name = "BudgetExceededError";
    // Made only when the budget says no: the one place every refusal passes.
    countBudgetRefusal(layer);
  }
}

export interface BudgetOptions {
  ipPerMinute: number;
  accountPerMinute: number;
  redis?: Redis | null;
  instanceCount: number;
  keyPrefix: string;
  cooldowns: Cooldowns;
  maxWaitMs?: Partial<Record<Priority, number>>;
  logger?: { warn: (o: object, m: string) => void };
}

/**
 * Background work waits for people waiting in this instance at most this long per call; then
 * the shared decision (which guarantees it a minimum share) has the last word.
 */
const LOCAL_YIELD_MS = 500;
/** How soon a take whose Redis command failed (outcome unknown) looks again. */
const REDIS_RETRY_MS = 100;
/**
 * A new instance waits this long for its first Redis connection before it counts Redis as lost:
 * a client that is still connecting has lost nothing, and counting it lost would make an
 * instance of several refuse every call for a minute after each start.
 */
const FIRST_CONNECT_GRACE_MS = 5_000;
/** A failing Redis command is logged at most this often (with the count since). */
const FAILURE_LOG_MS = 10_000;

export interface BudgetKeys {
  ip: string;
  account: string;
  user: string;
}

export interface EarlyAttempt {
  cooldown: Promise<Cooldown | null>;
  take: Promise<TakeResult> | null;
}

const ORDER = ["ip", "account", "user"] as const;

/** A take's id in the local stores: the shared store marks background takes with a leading "~". */
function localId(token: string): string {
  return token.slice(token.startsWith("~") ? 1 : 0, token.indexOf("|"));
}

export class Budget {
  private readonly limits: Record<Layer, number>;
  private readonly store: MemoryFairStore;
  /**
   * Each instance's conservative share while Redis is unreachable (1/N of each ceiling). It holds
   * every call this instance made in the last minute, through Redis or not, so the share counts
   * them: a minute spent before an outage is not spent again during it, nor after Redis comes
   * back empty.
   */
  private readonly fallback: MemoryFairStore;
  /** When this instance found Redis unreachable (null while it answers). */
  private lostAt: number | null = null;
  /** With several instances, nothing is taken locally before this (their last minute is unknown). */
  private blindUntil = -Infinity;
  /** Back from an outage: until then every take must fit the local share too. */
  private checkLocalUntil = -Infinity;
  private commandFailures = 0;
  /** Whether Redis has answered this instance yet, and since when the instance has waited for it. */
  private everReady = false;
  private readonly startedAt = now();
  private firstMissAt: number | null = null;
  private failureLoggedAt = -Infinity;
  private interactiveWaiting = 0;
  private takeSha: string | null = null;

  constructor(private readonly opts: BudgetOptions) {
    // The user layer is no cap of its own (a person alone may use the whole IP budget): it
    // records each person's calls for the usage meter, under the IP's ceiling.
    this.limits = { ip: opts.ipPerMinute, account: opts.accountPerMinute, user: opts.ipPerMinute };
    this.store = new MemoryFairStore(this.specs(1));
    this.fallback = new MemoryFairStore(this.specs(opts.instanceCount));
  }

  private specs(divideBy: number): LayerSpec[] {
    return ORDER.map((l) => {
      return layerAsk(Math.max(1, Math.floor(this.limits[l] / divideBy)), BACKGROUND_RESERVE);
    });
  }

  private redisReady(): Redis | null {
    const r = this.opts.redis;
    return r && r.status === "ready" ? r : null;
  }

  private localStore(): MemoryFairStore {
    return this.opts.redis ? this.fallback : this.store;
  }

  private keyOf(layer: Layer, key: string, part: "log" | "wait" | "act"): string {
    return `${this.opts.keyPrefix}:budget:${layer}:${key}:${part}`;
  }

  private async evalTake(r: Redis, keys: BudgetKeys, priority: Priority, id: string): Promise<TakeResult> {
    const redisKeys = ORDER.flatMap((l) => [
      this.keyOf(l, keys[l], "log"),
      this.keyOf(l, keys[l], "wait"),
      this.keyOf(l, keys[l], "act"),
    ]);
    const args: (string | number)[] = [keys.user, priority, id, ORDER.length, WINDOW_MS, DEMAND_GRACE_MS];
    args.push(YIELD_RETRY_MS, ACTIVE_MS, PACE_BURST, PACE_LOOKBACK_SLOTS, OWED_AFTER);
    for (const s of this.specs(1)) args.push(s.limit, s.reserve, s.idleReserve, s.floor);
    // Redis's own clock, shared by every instance, unless a test set the process's clock.
    args.push(usesSystemClock() ? "" : now());
    let out: unknown;
    try {
      if (!this.takeSha) throw new Error("NOSCRIPT");
      out = await r.evalsha(this.takeSha, redisKeys.length, ...redisKeys, ...args);
    } catch (err) {
      if (!String((err as Error)?.message).includes("NOSCRIPT")) throw err;
      this.takeSha = (await r.script("LOAD", FAIR_TAKE_LUA)) as string;
      out = await r.evalsha(this.takeSha, redisKeys.length, ...redisKeys, ...args);
    }
    const a = out as [number, string | number, number?, number?];
    if (a[0] === 1) return { ok: true, token: String(a[1]) };
    return { ok: false, layer: ORDER[Number(a[1])]!, retryAfterMs: Number(a[2]) };
  }

  /** One attempt at taking a call from every layer, atomically (all layers or none). */
  private async tryTake(keys: BudgetKeys, priority: Priority): Promise<TakeResult> {
    const id = randomBytes(6).toString("base64url");
    const layerKeys = ORDER.map((l) => `${l}:${keys[l]}`);
    if (!this.opts.redis) return this.store.take(layerKeys, keys.user, priority, now(), id);
    const r = this.redisReady();
    if (!r) {
      const t = now();
      if (!this.everReady) {
        this.firstMissAt ??= t;
        if (t - this.startedAt < FIRST_CONNECT_GRACE_MS && this.opts.redis.status !== "end")
          return { ok: false, layer: "ip", retryAfterMs: REDIS_RETRY_MS };
      }
      if (this.lostAt === null) {
        // Never connected: Redis has been missing since this instance first asked for it.
        this.lostAt = this.everReady ? t : (this.firstMissAt ?? t);
        // The other instances' calls of the last minute are unknown here: assume the minute was
        // spent, and take nothing locally until every call made through Redis has left the window.
        if (this.opts.instanceCount > 1) this.blindUntil = Math.max(this.blindUntil, this.lostAt + WINDOW_MS);
      }
      return this.localTake(layerKeys, keys.user, priority, t, id);
    }
    this.everReady = true;
    let shared: TakeResult;
    try {
      shared = await this.evalTake(r, keys, priority, id);
    } catch (err) {
      // The script may have run (a timeout says nothing about that), and the calls Redis counted
      // are not in any local share: this attempt is refused, and what Redis recorded stays spent.
      this.noteCommandFailure(err, r.status);
      return { ok: false, layer: "ip", retryAfterMs: REDIS_RETRY_MS };
    }
    const t = now();
    if (this.lostAt !== null) {
      // Back after an outage: Redis never saw the local share's calls, and after a restart it
      // lost its own (it keeps nothing on disk). For a full window each take must fit both.
      this.lostAt = null;
      this.checkLocalUntil = t + WINDOW_MS;
    }
    if (!shared.ok) return shared;
    if (t < this.checkLocalUntil) {
      const local = this.localTake(layerKeys, keys.user, priority, t, id);
      if (!local.ok) {
        await this.refund(shared.token, keys);
        return local;
      }
      return shared;
    }
    // Every call counts in this instance's own minute too, for when Redis is not there to ask.
    this.fallback.note(layerKeys, keys.user, priority, t, id);
    return shared;
  }

  /** A take from this instance's local share (Redis unreachable, or back for less than a window). */
  private localTake(layerKeys: string[], user: string, priority: Priority, t: number, id: string): TakeResult {
    if (t < this.blindUntil) return { ok: false, layer: "ip", retryAfterMs: Math.ceil(this.blindUntil - t) };
    return this.fallback.take(layerKeys, user, priority, t, id);
  }

  private noteCommandFailure(err: unknown, status: string): void {
    this.commandFailures++;
    const t = now();
    if (t - this.failureLoggedAt < FAILURE_LOG_MS) return;
    this.opts.logger?.warn(
      { err: String((err as Error)?.message ?? err), status, failures: this.commandFailures },
      "budget: a Redis command failed while connected; its call counts as spent and is not made",
    );
    this.failureLoggedAt = t;
    this.commandFailures = 0;
  }

  private async refund(token: string, keys: BudgetKeys): Promise<void> {
    const r = this.redisReady();
    if (r) {
      await r
        .eval(FAIR_REFUND_LUA, ORDER.length, ...ORDER.map((l) => this.keyOf(l, keys[l], "log")), token)
        .catch(() => undefined);
    }
    this.localStore().refund(
      ORDER.map((l) => `${l}:${keys[l]}`),
      localId(token),
    );
  }

  /**
   * The call a take allowed has finished (answered, failed or timed out): its slot is held until a
   * minute from now. The exchange counts a call when it arrives, which may be well after the take
   * (a busy event loop, the key's decryption, a queue for a connection); counted from the take, a
   * slot could free before the exchange's own minute had let go of it, and a saturated budget
   * would then send more than its ceiling in the exchange's rolling minute.
   */
  async settle(token: string, keys: BudgetKeys): Promise<void> {
    const t = now();
    this.localStore().settle(
      ORDER.map((l) => `${l}:${keys[l]}`),
      localId(token),
      t,
    );
    const r = this.redisReady();
    if (!r) return;
    const logs = ORDER.map((l) => this.keyOf(l, keys[l], "log"));
    await r
      .eval(FAIR_SETTLE_LUA, logs.length, ...logs, token, WINDOW_MS, usesSystemClock() ? "" : t)
      .catch(() => undefined);
  }

  /**
   * Starts the first attempt (the cool-down check, and for interactive reads the take from all
   * three layers) before the caller knows it will go upstream, so it shares a round trip with
   * the single-flight lock. Hand it to acquire(), or to abandon() when the call won't happen.
   */
  begin(keys: BudgetKeys, priority: Priority): EarlyAttempt {
    const cooldown = this.opts.cooldowns.check(keys.ip, keys.account);
    cooldown.catch(() => undefined);
    const take = priority === "interactive" ? this.tryTake(keys, priority) : null;
    take?.catch(() => undefined);
    return { cooldown, take };
  }

  /** Gives back what an early attempt took (the read was answered another way). */
  async abandon(early: EarlyAttempt, keys: BudgetKeys): Promise<void> {
    const r = await early.take?.catch(() => null);
    if (r?.ok) await this.refund(r.token, keys);
  }

  /**
   * Takes one request's worth of budget, waiting a bounded time when it is spent; resolves to the
   * take's token, for settle() once the call has finished.
   * Throws BudgetExceededError with the wait the caller should advertise (Retry-After).
   */
  async acquire(
    keys: BudgetKeys,
    priority: Priority,
    opts: { maxWaitMs?: number; early?: EarlyAttempt } = {},
  ): Promise<string> {
    const started = now();
    const configured = this.opts.maxWaitMs?.[priority] ?? MAX_WAIT_MS[priority];
    const maxWait = opts.maxWaitMs === undefined ? configured : Math.min(configured, opts.maxWaitMs);
    if (priority === "interactive") this.interactiveWaiting++;
    let localYield = 0;
    try {
      for (let attempt = 0; ; attempt++) {
        const early = attempt === 0 ? opts.early : undefined;
        const cd = await (early ? early.cooldown : this.opts.cooldowns.check(keys.ip, keys.account));
        if (cd) {
          if (early) await this.abandon(early, keys);
          throw new BudgetExceededError(
            "cooldown",
            cd.remainingMs,
            cd.kind === "ip" ? "ip_blocked" : "account_cooldown",
          );
        }
        // Background work yields to people waiting in this instance, for a bounded time.
        if (priority === "background" && this.interactiveWaiting > 0 && localYield < LOCAL_YIELD_MS) {
          if (now() - started > maxWait) throw new BudgetExceededError("ip", 1_000);
          await sleep(25);
          localYield += 25;
          continue;
        }
        const r = await (early?.take ?? this.tryTake(keys, priority));
        if (r.ok) return r.token;
        const waited = now() - started;
        if (waited + r.retryAfterMs > maxWait) throw new BudgetExceededError(r.layer, r.retryAfterMs);
        // People spread out a little (they all wake for the same freed slot); background work is
        // paced by its own calls and wakes on time.
        await sleep(r.retryAfterMs + (priority === "interactive" ? Math.floor(Math.random() * 15) : 0));
      }
    } finally {
      if (priority === "interactive") this.interactiveWaiting--;
    }
  }

  /** Each layer as the usage meter shows it: one rolling minute up to the ceiling. */
  plans(): Record<Layer, WindowPlan> {
    const plan = (ceiling: number): WindowPlan => ({
      ceilingPerMinute: ceiling,
      windowSeconds: 60,
      pointsPerWindow: ceiling,
      maxInAnyMinute: ceiling,
      sustainedPerMinute: ceiling,
    });
    return { ip: plan(this.limits.ip), account: plan(this.limits.account), user: plan(this.limits.user) };
  }

  /** Calls taken on this layer key in the last minute. */
  async used(layer: Layer, key: string): Promise<number> {
    const r = this.redisReady();
    if (r) {
      const n = await r.zcount(this.keyOf(layer, key, "log"), `(${now() - WINDOW_MS}`, "+inf").catch(() => null);
      if (n !== null) return n;
    }
    return this.localStore().used(`${layer}:${key}`, now());
  }
}
