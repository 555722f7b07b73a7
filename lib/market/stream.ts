// One market stream for the whole deployment. Every instance runs a MarketStream; the one that
// holds the leader lock (./leader.ts) opens the exchange connection (./connection.ts), prices
// the instruments live pages and visible keys need, and publishes every change on the bus
// (./bus.ts); the others apply what it publishes. `healthy()` is what the ticker read path and
// the live pages ask: true while prices arrive (or the leader's pulse says its connection is
// healthy) within `staleAfterMs`. When it is false, REST polling resumes (lib/reads/read.ts).
import "server-only";
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import type { Dialect } from "@/lib/exchange/dialect";
import { PriceBook } from "./book";
import type { BusMessage, PriceBus } from "./bus";
import type { Leadership } from "./leader";
import { MarketConnection } from "./connection";
import type { PriceUpdate } from "./wire";

export interface MarketStreamOptions {
  url: string;
  dialect: Dialect;
  leadership: Leadership;
  bus: PriceBus & { start(): Promise<void> };
  takeConnection: () => Promise<number | null>;
  refused: (ms: number) => Promise<void>;
  /** The instruments to subscribe, given the currencies live pages hold right now (./needs.ts). */
  instrumentsFor: (currencies: ReadonlySet<string>) => Promise<string[]>;
  staleAfterMs: number;
  /** How often the lock is tried/renewed and the leader pulses (default 2 s). */
  pulseMs?: number;
  /** How often the leader recomputes what to subscribe (default 30 s; sooner when a page needs a new currency). */
  needsEveryMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  logger?: { warn: (o: object, m: string) => void; info: (o: object, m: string) => void };
}

export interface StreamEvents {
  prices: [updates: PriceUpdate[]];
  health: [healthy: boolean];
  leader: [leading: boolean];
}

export class MarketStream extends EventEmitter<StreamEvents> {
  readonly id = randomUUID();
  readonly book = new PriceBook();
  private connection: MarketConnection | null = null;
  private leading = false;
  private running = false;
  private pulse: NodeJS.Timeout | null = null;
  private lastHeardAt = 0;
  private leaderHealthy = false;
  private wasHealthy = false;
  private lastNeedsAt = 0;
  private instruments: string[] = [];
  /** Currencies live pages on this instance hold, by who asked (a page's hub), and those announced by other instances. */
  private readonly localNeeds = new Map<string, ReadonlySet<string>>();
  private readonly remoteNeeds = new Map<string, { currencies: string[]; at: number }>();
  private needsDirty = true;
  /** Connection counters across leaderships (benchmarks and tests). */
  upgrades = 0;
  refusals = 0;

  constructor(private readonly opts: MarketStreamOptions) {
    super();
    this.setMaxListeners(0);
    opts.bus.onMessage((m) => this.onBus(m));
  }

  private get pulseMs() {
    return this.opts.pulseMs ?? 2_000;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.opts.bus.start().catch((err: unknown) => {
      this.opts.logger?.warn({ err: String(err) }, "market stream: bus unavailable, retrying");
    });
    void this.publish({ t: "need", from: this.id, currencies: this.currencies(), wantsBook: true });
    await this.tick();
    this.pulse = setInterval(() => void this.tick(), this.pulseMs);
    this.pulse.unref?.();
  }

  /** Stops this instance's part (shutdown): gives up the lock so another takes over at once. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.pulse) clearInterval(this.pulse);
    this.pulse = null;
    this.stopLeading();
    await this.opts.leadership.release();
    await this.opts.bus.close();
  }

  /**
   * Dies without a word (benchmarks and tests: a killed leader): no release, no more pulses, its
   * lock left to expire or its connection to be found dead.
   */
  async crash(): Promise<void> {
    this.running = false;
    if (this.pulse) clearInterval(this.pulse);
    this.pulse = null;
    this.stopLeading();
    await this.opts.leadership.abandon();
    await this.opts.bus.close();
  }

  get isLeader(): boolean {
    return this.leading;
  }

  /** Prices from the stream are current: no REST ticker is needed. */
  healthy(now = Date.now()): boolean {
    if (!this.running || this.book.size === 0) return false;
    if (this.leading) return Boolean(this.connection?.healthy);
    return this.leaderHealthy && now - this.lastHeardAt <= this.opts.staleAfterMs;
  }

  /** The exchange connection of this instance, while it leads (tests and the benchmark drop it). */
  get upstream(): MarketConnection | null {
    return this.connection;
  }

  /** A live page's currencies (null: it closed). The leader subscribes what they need. */
  need(owner: string, currencies: ReadonlySet<string> | null): void {
    const before = this.currencies().join(",");
    if (currencies) this.localNeeds.set(owner, currencies);
    else this.localNeeds.delete(owner);
    if (this.currencies().join(",") !== before) {
      this.needsDirty = true;
      if (this.leading) void this.resubscribe();
      else void this.publish({ t: "need", from: this.id, currencies: this.currencies() });
    }
  }

  private currencies(): string[] {
    const all = new Set<string>();
    for (const set of this.localNeeds.values()) for (const c of set) all.add(c);
    const cutoff = Date.now() - 5 * this.pulseMs;
    for (const [from, n] of this.remoteNeeds) {
      if (n.at < cutoff) this.remoteNeeds.delete(from);
      else for (const c of n.currencies) all.add(c);
    }
    return [...all].sort();
  }

  private async publish(m: BusMessage): Promise<void> {
    try {
      await this.opts.bus.publish(m);
    } catch {
      // The bus is down: followers stop hearing pulses and fall back to REST on their own.
    }
  }

  private noteHealth() {
    const h = this.healthy();
    if (h !== this.wasHealthy) {
      this.wasHealthy = h;
      this.emit("health", h);
    }
  }

  private onBus(m: BusMessage) {
    if (m.from === this.id || !this.running) return;
    if (m.t === "need") {
      const before = this.currencies().join(",");
      this.remoteNeeds.set(m.from, { currencies: m.currencies, at: Date.now() });
      if (this.leading && (m.wantsBook || this.currencies().join(",") !== before)) {
        if (this.currencies().join(",") !== before) this.needsDirty = true;
        if (m.wantsBook) void this.publish({ t: "prices", from: this.id, updates: this.book.all(), full: true });
      }
      return;
    }
    if (this.leading) return; // another instance thinks it leads: the lock decides at the next pulse
    if (m.t === "beat") {
      this.lastHeardAt = Date.now();
      this.leaderHealthy = m.healthy;
      this.noteHealth();
      return;
    }
    if (m.t === "prices") {
      this.lastHeardAt = Date.now();
      this.leaderHealthy = true;
      const changed = m.full ? (this.book.replace(m.updates), m.updates) : this.book.apply(m.updates);
      if (changed.length) this.emit("prices", changed);
      this.noteHealth();
    }
  }

  private async tick(): Promise<void> {
    if (!this.running) return;
    const holds = await this.opts.leadership.hold();
    if (!this.running) return;
    if (holds && !this.leading) await this.startLeading();
    else if (!holds && this.leading) this.stopLeading();
    if (this.leading) {
      const every = this.opts.needsEveryMs ?? 30_000;
      if (this.needsDirty || Date.now() - this.lastNeedsAt > every) await this.resubscribe();
      void this.publish({
        t: "beat",
        from: this.id,
        healthy: Boolean(this.connection?.healthy),
        instruments: this.instruments.length,
      });
    } else if (this.localNeeds.size) {
      void this.publish({ t: "need", from: this.id, currencies: this.currencies() });
    }
    this.noteHealth();
  }

  private async resubscribe(): Promise<void> {
    this.needsDirty = false;
    this.lastNeedsAt = Date.now();
    try {
      this.instruments = await this.opts.instrumentsFor(new Set(this.currencies()));
    } catch (err) {
      this.opts.logger?.warn({ err: String(err) }, "market stream: could not work out the instruments");
      return;
    }
    if (this.connection && this.leading) {
      if (this.instruments.length) this.connection.start(this.instruments);
      this.connection.setInstruments(this.instruments);
    }
  }

  private async startLeading(): Promise<void> {
    this.leading = true;
    this.opts.logger?.info({ instance: this.id }, "market stream: this instance leads");
    this.emit("leader", true);
    const conn = new MarketConnection({
      url: this.opts.url,
      dialect: this.opts.dialect,
      takeConnection: this.opts.takeConnection,
      refused: this.opts.refused,
      staleAfterMs: this.opts.staleAfterMs,
      backoffBaseMs: this.opts.backoffBaseMs,
      backoffMaxMs: this.opts.backoffMaxMs,
      logger: this.opts.logger,
    });
    this.connection = conn;
    conn.on("prices", (updates, first) => {
      if (first) this.book.reconnected();
      const changed = this.book.apply(updates);
      if (first) void this.publish({ t: "prices", from: this.id, updates: this.book.all(), full: true });
      else if (changed.length) void this.publish({ t: "prices", from: this.id, updates: changed });
      if (changed.length) this.emit("prices", changed);
      this.noteHealth();
    });
    conn.on("state", () => this.noteHealth());
    conn.on("refused", () => {
      this.refusals++;
    });
    await this.resubscribe();
    if (this.instruments.length) conn.start(this.instruments);
  }

  private stopLeading(): void {
    if (this.connection) {
      this.upgrades += this.connection.upgrades;
      this.connection.removeAllListeners();
      this.connection.stop();
    }
    this.connection = null;
    if (this.leading) {
      this.leading = false;
      this.emit("leader", false);
    }
    this.noteHealth();
  }

  /** Upgrades attempted so far, the current connection's included. */
  totalUpgrades(): number {
    return this.upgrades + (this.connection?.upgrades ?? 0);
  }
}
