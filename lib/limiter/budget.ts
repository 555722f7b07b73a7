// The upstream budget: three layers checked before every exchange call, all shared
// through Redis when configured — the egress IP (every user of this deployment), the
// exchange account behind the key (every viewer of that account), and a fair share per
// signed-in user. Interactive requests go first; background work keeps a reserve free.
import "server-only";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Redis } from "ioredis";
import { planWindow, type WindowPlan } from "./window-math";
import { BACKGROUND_SHARE, MAX_WAIT_MS, type Priority } from "./policy";
import type { Cooldown, Cooldowns } from "./cooldowns";

export type Layer = "ip" | "account" | "user";

export class BudgetExceededError extends Error {
  constructor(public readonly layer: Layer | "cooldown", public readonly retryAfterMs: number, public readonly reason: "budget" | "account_cooldown" | "ip_blocked" = "budget") {
    super(`upstream budget exhausted (${layer}); retry in ${Math.ceil(retryAfterMs / 1000)} s`);
    this.name = "BudgetExceededError";
  }
}

export interface BudgetOptions {
  ipPerMinute: number;
  accountPerMinute: number;
  userPerMinute: number;
  redis?: Redis | null;
  instanceCount: number;
  keyPrefix: string;
  cooldowns: Cooldowns;
  maxWaitMs?: Partial<Record<Priority, number>>;
}

interface LayerLimiter {
  plan: WindowPlan;
  limiter: RateLimiterAbstract;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface BudgetKeys { ip: string; account: string; user: string }

type TakeResult = { ok: true } | { ok: false; layer: Layer; retryAfterMs: number };

export interface EarlyAttempt {
  cooldown: Promise<Cooldown | null>;
  take: Promise<TakeResult> | null;
}

export class Budget {
  readonly layers: Record<Layer, LayerLimiter>;
  private interactiveWaiting = 0;

  constructor(private readonly opts: BudgetOptions) {
    const make = (layer: Layer, perMinute: number): LayerLimiter => {
      const plan = planWindow(perMinute);
      const keyPrefix = `${opts.keyPrefix}:budget:${layer}`;
      // Without Redis each instance would have the whole budget, so assume the worst.
      const local = new RateLimiterMemory({ keyPrefix, points: Math.max(1, Math.floor(plan.pointsPerWindow / opts.instanceCount)), duration: plan.windowSeconds });
      const limiter = opts.redis
        ? new RateLimiterRedis({ storeClient: opts.redis, keyPrefix, points: plan.pointsPerWindow, duration: plan.windowSeconds, insuranceLimiter: local, rejectIfRedisNotReady: true })
        : new RateLimiterMemory({ keyPrefix, points: plan.pointsPerWindow, duration: plan.windowSeconds });
      return { plan, limiter };
    };
    this.layers = {
      ip: make("ip", opts.ipPerMinute),
      account: make("account", opts.accountPerMinute),
      user: make("user", opts.userPerMinute),
    };
  }

  /**
   * One attempt at taking a point from every layer; refunds the layers that gave one when
   * another refuses. Interactive requests ask all three layers at once (one Redis round
   * trip); background work first checks each layer's reserve, in order.
   */
  private async tryTake(keys: Record<Layer, string>, priority: Priority): Promise<TakeResult> {
    const order = ["ip", "account", "user"] as const;
    if (priority === "background") {
      for (const layer of order) {
        if (layer === "user") continue;
        const { limiter, plan } = this.layers[layer];
        const cur = await limiter.get(keys[layer]);
        if (cur && cur.consumedPoints >= Math.floor(plan.pointsPerWindow * BACKGROUND_SHARE)) return { ok: false, layer, retryAfterMs: Math.max(cur.msBeforeNext, 50) };
      }
    }
    const results = await Promise.allSettled(order.map((layer) => this.layers[layer].limiter.consume(keys[layer], 1)));
    const refusedAt = order.map((_, i) => i).filter((i) => results[i]!.status === "rejected");
    if (!refusedAt.length) return { ok: true };
    await this.refund(order.filter((_, i) => results[i]!.status === "fulfilled"), keys);
    // The layer that keeps the caller waiting longest is the one to report.
    let worst: { layer: Layer; retryAfterMs: number } | null = null;
    for (const i of refusedAt) {
      const reason = (results[i] as PromiseRejectedResult).reason as unknown;
      if (!(reason instanceof RateLimiterRes)) throw reason;
      if (!worst || reason.msBeforeNext > worst.retryAfterMs) worst = { layer: order[i]!, retryAfterMs: reason.msBeforeNext };
    }
    return { ok: false, layer: worst!.layer, retryAfterMs: Math.max(worst!.retryAfterMs, 20) };
  }

  private async refund(layers: Layer[], keys: Record<Layer, string>) {
    await Promise.all(layers.map((l) => this.layers[l].limiter.reward(keys[l], 1).catch(() => undefined)));
  }

  /**
   * Takes one request's worth of budget, waiting a bounded time when it is spent.
   * Throws BudgetExceededError with the wait the caller should advertise (Retry-After).
   */
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
    if (r?.ok) await this.refund(["ip", "account", "user"], keys);
  }

  async acquire(keys: BudgetKeys, priority: Priority, opts: { maxWaitMs?: number; early?: EarlyAttempt } = {}): Promise<void> {
    const started = Date.now();
    const configured = this.opts.maxWaitMs?.[priority] ?? MAX_WAIT_MS[priority];
    const maxWait = opts.maxWaitMs === undefined ? configured : Math.min(configured, opts.maxWaitMs);
    if (priority === "interactive") this.interactiveWaiting++;
    try {
      for (let attempt = 0; ; attempt++) {
        const early = attempt === 0 ? opts.early : undefined;
        const cd = await (early ? early.cooldown : this.opts.cooldowns.check(keys.ip, keys.account));
        if (cd) {
          if (early) await this.abandon(early, keys);
          throw new BudgetExceededError("cooldown", cd.remainingMs, cd.kind === "ip" ? "ip_blocked" : "account_cooldown");
        }
        // Background work yields to people waiting in this instance.
        if (priority === "background" && this.interactiveWaiting > 0) {
          if (Date.now() - started > maxWait) throw new BudgetExceededError("ip", 1_000);
          await sleep(25);
          continue;
        }
        const r = await (early?.take ?? this.tryTake(keys, priority));
        if (r.ok) return;
        const waited = Date.now() - started;
        if (waited + r.retryAfterMs > maxWait) throw new BudgetExceededError(r.layer, r.retryAfterMs);
        await sleep(r.retryAfterMs + Math.floor(Math.random() * 15));
      }
    } finally {
      if (priority === "interactive") this.interactiveWaiting--;
    }
  }

  plans(): Record<Layer, WindowPlan> {
    return { ip: this.layers.ip.plan, account: this.layers.account.plan, user: this.layers.user.plan };
  }

  async used(layer: Layer, key: string): Promise<number> {
    const r = await this.layers[layer].limiter.get(key).catch(() => null);
    return r?.consumedPoints ?? 0;
  }
}
