// Live pages on this instance: every open Server-Sent Events stream (one per tab) and the keys it
// shows. Per key, one valuation per change, computed once and written to every stream showing
// it (the hidden-amounts form to viewers with hidden amounts). Prices come from the market
// stream while it is healthy; when it is not, from REST tickers polled here at background
// priority (the gate's cache and budget), labelled with their own freshness. Balances are the
// gate's REST reads, refreshed at most every `balancesRefreshMs` per key, at background priority.
// A Trade key on One Trading Fast has its own TRADING connection (lib/market/trading.ts): while
// it is healthy its balances follow each order event (no REST refresh) and each event goes to
// its viewers as an `order` push (no amounts to a viewer with hidden amounts); when it is not,
// REST refreshes resume. Access is decided again whenever the access epoch moves (unshare, stop,
// member removed, sign-out): a stream whose access ended gets an `end` event and nothing more.
import "server-only";
import type { Freshness } from "@/lib/limiter";
import type { BalanceLike, TickerLike } from "@/lib/money/valuation";
import type { MarketStream } from "@/lib/market/stream";
import { tickersFromStream } from "@/lib/market/tickers";
import type { TradingStreams } from "@/lib/market/trading";
import { mergeBalances } from "@/lib/market/trading-wire";
import { hideAmounts, valueForLivePage } from "./valuation";
import { hideOrderAmounts, orderPushOf } from "./order-push";

/** What a viewer may see of a key: amounts or not; whether the key has its own TRADING connection. */
export interface ViewerKeyAccess {
  hideAmounts: boolean;
  trading?: boolean;
}

/** The trading streams as the hub uses them. */
export type TradingFeed = Pick<TradingStreams, "need" | "healthy" | "on">;

export interface LiveViewer {
  id: string;
  userId: string;
  /** keyId → what this viewer may see of it. */
  keys: Map<string, ViewerKeyAccess>;
  /** Writes one event; false when the client is not keeping up (this push is skipped, the next carries the state). */
  send(event: string, data: string): boolean;
  /** Ends the stream with a reason the page shows. */
  end(reason: string): void;
  /** Decides access again: the keys' current rights, or the reason access ended. */
  recheck(): Promise<{ keys: Map<string, ViewerKeyAccess> } | { ended: string }>;
  /** The reads this viewer may make (its user and key access): balances and, when polling, tickers. */
  readBalances(keyId: string, background: boolean): Promise<Freshness<{ balances: BalanceLike[] }>>;
  readTickers(): Promise<Freshness<TickerLike[]>>;
  epochSeen?: string | null;
}

export interface LiveHubOptions {
  stream: MarketStream | null;
  /** The Trade keys' TRADING connections (null: off, or not One Trading Fast). */
  trading?: TradingFeed | null;
  epoch: () => Promise<string | null>;
  lastRestTickers: () => Promise<TickerLike[] | null>;
  balancesRefreshMs: number;
  /** The REST tickers' polling period while the stream is down (their cache TTL). */
  pollMs: number;
  /** Valuations go out at most this often (ticks in between are folded into one push). */
  flushMs?: number;
  /** Access is re-checked, and a keep-alive comment sent, at least this often even without prices. */
  checkMs?: number;
  logger?: { warn: (o: object, m: string) => void };
}

interface KeyState {
  viewers: Set<LiveViewer>;
  balances: Freshness<{ balances: BalanceLike[] }> | null;
  loading: Promise<void> | null;
  lastSent: string | null;
  /** When the TRADING connection last brought this key's balances (a REST read begun before it is older). */
  pushedAt: number;
}

export class LiveHub {
  private readonly keys = new Map<string, KeyState>();
  private readonly viewers = new Set<LiveViewer>();
  private polled: Freshness<TickerLike[]> | null = null;
  private polling: Promise<void> | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private flushing = false;
  private again = false;
  private lastFlushAt = 0;
  private checker: NodeJS.Timeout | null = null;
  private lastPollAt = 0;
  /** Pushes written (benchmarks). */
  pushes = 0;

  constructor(private readonly opts: LiveHubOptions) {
    opts.stream?.on("prices", () => this.schedule());
    opts.stream?.on("health", () => {
      for (const k of this.keys.values()) k.lastSent = null; // the label changes: everyone hears it
      this.schedule();
    });
    opts.trading?.on("update", (keyId, u) => {
      const k = this.keys.get(keyId);
      if (!k) return;
      const now = Date.now();
      k.pushedAt = now;
      k.balances = {
        data: { balances: mergeBalances(k.balances?.data.balances ?? [], u.balances) },
        fetchedAt: new Date(now).toISOString(),
        source: "live",
      };
      k.lastSent = null;
      const push = orderPushOf(keyId, u);
      const shown = JSON.stringify(push);
      let hidden: string | null = null;
      for (const v of k.viewers) {
        const access = v.keys.get(keyId);
        if (!access) continue;
        if (v.send("order", access.hideAmounts ? (hidden ??= JSON.stringify(hideOrderAmounts(push))) : shown))
          this.pushes++;
      }
      this.noteNeeds();
      this.schedule();
    });
    // The balances label changes (pushed, or REST again): every viewer of the key hears it.
    opts.trading?.on("health", (keyId) => {
      const k = this.keys.get(keyId);
      if (!k) return;
      k.lastSent = null;
      this.schedule();
    });
  }

  private tradingHealthy(keyId: string): boolean {
    return Boolean(this.opts.trading?.healthy(keyId));
  }

  get size(): number {
    return this.viewers.size;
  }

  countFor(userId: string): number {
    let n = 0;
    for (const v of this.viewers) if (v.userId === userId) n++;
    return n;
  }

  /** Starts a viewer: its first valuations are sent as soon as the balances are at hand. */
  async open(viewer: LiveViewer): Promise<void> {
    this.viewers.add(viewer);
    for (const keyId of viewer.keys.keys()) {
      let k = this.keys.get(keyId);
      if (!k) {
        k = { viewers: new Set(), balances: null, loading: null, lastSent: null, pushedAt: 0 };
        this.keys.set(keyId, k);
      }
      k.viewers.add(viewer);
      k.lastSent = null;
    }
    this.noteNeeds();
    this.checker ??= setInterval(() => void this.check(), this.opts.checkMs ?? 1_000);
    this.checker.unref?.();
    await Promise.all([...viewer.keys.keys()].map((id) => this.load(id, viewer, false)));
    if (!this.opts.stream?.healthy() && !this.polled) await this.poll(viewer);
    this.schedule(true);
  }

  close(viewer: LiveViewer): void {
    if (!this.viewers.delete(viewer)) return;
    for (const keyId of viewer.keys.keys()) {
      const k = this.keys.get(keyId);
      k?.viewers.delete(viewer);
      if (k && !k.viewers.size) this.keys.delete(keyId);
    }
    this.noteNeeds();
    if (!this.viewers.size && this.checker) {
      clearInterval(this.checker);
      this.checker = null;
    }
  }

  /** Stops everything (tests, shutdown). */
  shutdown(): void {
    for (const v of [...this.viewers]) {
      v.end("shutdown");
      this.close(v);
    }
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
  }

  /** The currencies on screen here: the leader subscribes what prices them. */
  private noteNeeds() {
    const currencies = new Set<string>();
    for (const k of this.keys.values())
      for (const b of k.balances?.data.balances ?? []) if (b.currency_code) currencies.add(b.currency_code);
    this.opts.stream?.need("live-pages", this.keys.size ? currencies : null);
    const trade = new Set<string>();
    for (const [keyId, k] of this.keys) for (const v of k.viewers) if (v.keys.get(keyId)?.trading) trade.add(keyId);
    this.opts.trading?.need("live-pages", trade.size ? trade : null);
  }

  private load(keyId: string, via: LiveViewer, background: boolean): Promise<void> {
    const k = this.keys.get(keyId);
    if (!k) return Promise.resolve();
    const startedAt = Date.now();
    k.loading ??= via
      .readBalances(keyId, background)
      .then((b) => {
        // An order event that arrived meanwhile is newer than what this read saw.
        if (k.pushedAt > startedAt && k.balances) return;
        k.balances = b;
        this.noteNeeds();
      })
      .catch((err: unknown) => {
        this.opts.logger?.warn({ err: String(err), keyId }, "live page: balances could not be read");
      })
      .finally(() => {
        k.loading = null;
        this.schedule();
      });
    return k.loading;
  }

  private async poll(via: LiveViewer): Promise<void> {
    this.lastPollAt = Date.now();
    this.polling ??= via
      .readTickers()
      .then((t) => {
        this.polled = t;
      })
      .catch((err: unknown) => {
        this.opts.logger?.warn({ err: String(err) }, "live page: tickers could not be read");
      })
      .finally(() => {
        this.polling = null;
        this.schedule();
      });
    return this.polling;
  }

  /** Folds ticks into one push at most every flushMs. */
  private schedule(now = false) {
    if (this.flushing) {
      this.again = true;
      return;
    }
    if (this.flushTimer) return;
    const wait = now ? 0 : Math.max(0, this.lastFlushAt + (this.opts.flushMs ?? 100) - Date.now());
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      void this.flush();
    }, wait);
    this.flushTimer.unref?.();
  }

  /** Ends the viewers whose access ended since they last checked (the epoch moved). */
  private async recheck(): Promise<void> {
    const epoch = await this.opts.epoch().catch(() => null);
    const stale = [...this.viewers].filter((v) => epoch === null || v.epochSeen !== epoch);
    await Promise.all(
      stale.map(async (v) => {
        const r = await v.recheck().catch(() => ({ ended: "unavailable" }) as const);
        if ("ended" in r) {
          this.close(v);
          v.end(r.ended);
          return;
        }
        for (const [id, a] of r.keys) v.keys.set(id, a);
        v.epochSeen = epoch;
      }),
    );
  }

  /** The periodic check: access, the keep-alive, and REST polling while the stream is down. */
  private async check(): Promise<void> {
    if (!this.viewers.size) return;
    await this.recheck();
    for (const v of this.viewers) v.send("ping", "{}");
    const first = this.viewers.values().next().value;
    if (first && !this.opts.stream?.healthy() && Date.now() - this.lastPollAt >= this.opts.pollMs)
      void this.poll(first);
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    this.lastFlushAt = Date.now();
    try {
      await this.recheck();
      const stream = this.opts.stream;
      const healthy = Boolean(stream?.healthy());
      const tickers = healthy
        ? tickersFromStream(stream!.book.all(), await this.opts.lastRestTickers().catch(() => null))
        : (this.polled?.data ?? null);
      if (!tickers) return;
      const nowIso = new Date().toISOString();
      const prices = healthy
        ? { fetchedAt: nowIso, source: "live" as const, live: true }
        : {
            fetchedAt: this.polled!.fetchedAt,
            source: this.polled!.source,
            ...(this.polled!.staleReason ? { staleReason: this.polled!.staleReason } : {}),
            live: false,
          };
      const priceTimeMs = healthy ? stream!.book.newestMs() : null;
      for (const [keyId, k] of this.keys) {
        if (!k.balances || !k.viewers.size) continue;
        const age = Date.now() - Date.parse(k.balances.fetchedAt);
        const any = k.viewers.values().next().value;
        // A healthy TRADING connection keeps the balances current: no REST refresh for them.
        const pushed = this.tradingHealthy(keyId);
        if (!pushed && age >= this.opts.balancesRefreshMs && any && !k.loading) void this.load(keyId, any, true);
        const freshUntil = new Date(
          healthy ? Date.now() + this.opts.balancesRefreshMs : Date.parse(prices.fetchedAt) + this.opts.pollMs,
        ).toISOString();
        const full = valueForLivePage(
          { ...k.balances, data: k.balances.data.balances, pushed },
          tickers,
          prices,
          freshUntil,
        );
        // Unchanged figures are not sent again (the label ticks on by itself in the page).
        const signature = JSON.stringify([
          full.rows,
          full.totalEur,
          full.change24hPct,
          full.source,
          full.live,
          full.balances,
        ]);
        if (signature === k.lastSent) continue;
        k.lastSent = signature;
        const shown = JSON.stringify({ keyId, priceTimeMs, portfolio: full });
        let hidden: string | null = null;
        for (const v of k.viewers) {
          const access = v.keys.get(keyId);
          if (!access) continue;
          const text = access.hideAmounts
            ? (hidden ??= JSON.stringify({ keyId, priceTimeMs, portfolio: hideAmounts(full) }))
            : shown;
          if (v.send("portfolio", text)) this.pushes++;
        }
      }
    } catch (err) {
      this.opts.logger?.warn({ err: String(err) }, "live page: push failed");
    } finally {
      this.flushing = false;
      if (this.again) {
        this.again = false;
        this.schedule();
      }
    }
  }
}
