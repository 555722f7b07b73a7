// The deployment's TRADING connections, one per Trade key that a live page shows. Contract: the
// instance holding the trading lock (./leader.ts, a lock of its own beside the market stream's)
// holds every connection; the others announce the keys their pages show and hear each key's
// updates over the bus, sealed (they carry amounts). A key gets a connection only while the
// database says it has the Trade permission and is not stopped, revoked or invalid: checked
// before opening and again at every pulse, so a stop or delete made anywhere ends it within a
// pulse even if no message arrives; the stop's and delete's own signals (the gate's key events,
// and a `close` on the bus) end it at once on every instance.
import "server-only";
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import type { PriceBus } from "./bus";
import type { Leadership } from "./leader";
import type { TradingConnection } from "./trading-connection";
import type { TradingUpdate } from "./trading-wire";

export type TradingBusMessage =
  /** A follower's Trade keys on live pages. */
  | { t: "need"; from: string; keys: string[] }
  /** The leader's pulse: the keys whose connection is healthy. */
  | { t: "beat"; from: string; healthy: string[] }
  /** One key's update, sealed for that key. */
  | { t: "update"; from: string; keyId: string; sealed: string }
  /** A key was stopped or deleted: its connection ends now. */
  | { t: "close"; from: string; keyId: string };

export interface TradingStreamsOptions {
  leadership: Leadership;
  bus: PriceBus<TradingBusMessage> & { start(): Promise<void> };
  /** Makes a key's connection (the budget, the URL and the vault are the factory's). */
  connect: (keyId: string) => TradingConnection;
  /** Of these keys, those that may have a TRADING connection now (Trade, and not stopped, revoked or invalid). */
  eligible: (keyIds: string[]) => Promise<Set<string>>;
  seal: (keyId: string, text: string) => string;
  open: (keyId: string, sealed: string) => string | null;
  staleAfterMs: number;
  pulseMs?: number;
  /** A key no page shows any more keeps its connection this long (a reload doesn't reconnect). */
  graceMs?: number;
  /** A key the exchange refused is not tried again for this long. */
  refusedRetryMs?: number;
  logger?: { warn: (o: object, m: string) => void; info: (o: object, m: string) => void };
}

export interface TradingEvents {
  update: [keyId: string, update: TradingUpdate];
  health: [keyId: string, healthy: boolean];
}

export class TradingStreams extends EventEmitter<TradingEvents> {
  readonly id = randomUUID();
  private running = false;
  private leading = false;
  private pulse: NodeJS.Timeout | null = null;
  private readonly conns = new Map<string, TradingConnection>();
  private readonly unwantedSince = new Map<string, number>();
  private readonly refusedAt = new Map<string, number>();
  private readonly localNeeds = new Map<string, ReadonlySet<string>>();
  private readonly remoteNeeds = new Map<string, { keys: string[]; at: number }>();
  /** Followers: the keys the leader's last pulses called healthy, and when. */
  private readonly heardHealthy = new Map<string, number>();
  private readonly lastHealth = new Map<string, boolean>();
  private ticking = false;
  /** Pulses run so far (tests wait for a few to see that nothing more happens). */
  pulses = 0;

  constructor(private readonly opts: TradingStreamsOptions) {
    super();
    this.setMaxListeners(0);
    opts.bus.onMessage((m) => this.onBus(m));
  }

  private get pulseMs() {
    return this.opts.pulseMs ?? 2_000;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  /** The leader's connection for a key (tests). */
  connectionOf(keyId: string): TradingConnection | undefined {
    return this.conns.get(keyId);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.opts.bus.start().catch((err: unknown) => {
      this.opts.logger?.warn({ err: String(err) }, "trading streams: bus unavailable, retrying");
    });
    await this.tick();
    this.pulse = setInterval(() => void this.tick(), this.pulseMs);
    this.pulse.unref?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.pulse) clearInterval(this.pulse);
    this.pulse = null;
    this.stopLeading();
    await this.opts.leadership.release();
    await this.opts.bus.close();
  }

  /** Whether `keyId`'s balances and orders arrive on its TRADING connection now. */
  healthy(keyId: string, now = Date.now()): boolean {
    if (!this.running) return false;
    if (this.leading) return Boolean(this.conns.get(keyId)?.healthy);
    const at = this.heardHealthy.get(keyId);
    return at !== undefined && now - at <= this.opts.staleAfterMs;
  }

  /** A live page's Trade keys on this instance (null: it closed). */
  need(owner: string, keys: ReadonlySet<string> | null): void {
    const before = this.wanted().join(",");
    if (keys?.size) this.localNeeds.set(owner, keys);
    else this.localNeeds.delete(owner);
    if (this.wanted().join(",") === before) return;
    if (this.leading) void this.tick();
    else void this.publish({ t: "need", from: this.id, keys: this.localKeys() });
  }

  /** A stop or delete of `keyId` heard on this instance: its connection ends everywhere, now. */
  close(keyId: string): void {
    this.closeHere(keyId);
    void this.publish({ t: "close", from: this.id, keyId });
  }

  /** The key works again (replaced, or accepted by the exchange): a refusal no longer keeps it off. */
  forgetRefusal(keyId: string): void {
    this.refusedAt.delete(keyId);
  }

  private closeHere(keyId: string) {
    const c = this.conns.get(keyId);
    if (c) {
      c.removeAllListeners();
      c.stop();
      this.conns.delete(keyId);
    }
    this.heardHealthy.delete(keyId);
    this.noteHealth(keyId);
  }

  private localKeys(): string[] {
    const all = new Set<string>();
    for (const s of this.localNeeds.values()) for (const k of s) all.add(k);
    return [...all].sort();
  }

  private wanted(): string[] {
    const all = new Set(this.localKeys());
    const cutoff = Date.now() - 5 * this.pulseMs;
    for (const [from, n] of this.remoteNeeds) {
      if (n.at < cutoff) this.remoteNeeds.delete(from);
      else for (const k of n.keys) all.add(k);
    }
    return [...all].sort();
  }

  private async publish(m: TradingBusMessage): Promise<void> {
    try {
      await this.opts.bus.publish(m);
    } catch {
      // The bus is down: followers stop hearing pulses and their keys fall back to REST.
    }
  }

  private noteHealth(keyId: string) {
    const h = this.healthy(keyId);
    if ((this.lastHealth.get(keyId) ?? false) === h) return;
    if (h) this.lastHealth.set(keyId, true);
    else this.lastHealth.delete(keyId);
    this.emit("health", keyId, h);
  }

  private onBus(m: TradingBusMessage) {
    if (m.from === this.id || !this.running) return;
    if (m.t === "need") {
      const before = this.wanted().join(",");
      this.remoteNeeds.set(m.from, { keys: m.keys, at: Date.now() });
      if (this.leading && this.wanted().join(",") !== before) void this.tick();
    } else if (m.t === "close") {
      this.closeHere(m.keyId);
    } else if (this.leading) {
      return; // another instance thinks it leads: the lock decides at the next pulse
    } else if (m.t === "beat") {
      const now = Date.now();
      for (const k of m.healthy) this.heardHealthy.set(k, now);
      for (const k of [...this.heardHealthy.keys()]) if (!m.healthy.includes(k)) this.heardHealthy.delete(k);
      for (const k of new Set([...m.healthy, ...this.lastHealth.keys()])) this.noteHealth(k);
    } else if (m.t === "update") {
      const text = this.opts.open(m.keyId, m.sealed);
      if (!text) return;
      this.heardHealthy.set(m.keyId, Date.now());
      this.noteHealth(m.keyId);
      this.emit("update", m.keyId, JSON.parse(text) as TradingUpdate);
    }
  }

  private async tick(): Promise<void> {
    if (!this.running || this.ticking) return;
    this.ticking = true;
    try {
      const holds = await this.opts.leadership.hold();
      if (!this.running) return;
      if (holds && !this.leading) {
        this.leading = true;
        this.opts.logger?.info({ instance: this.id }, "trading streams: this instance leads");
      } else if (!holds && this.leading) this.stopLeading();
      if (this.leading) {
        await this.reconcile();
        void this.publish({
          t: "beat",
          from: this.id,
          healthy: [...this.conns].filter(([, c]) => c.healthy).map(([k]) => k),
        });
      } else {
        if (this.localNeeds.size) void this.publish({ t: "need", from: this.id, keys: this.localKeys() });
        for (const k of [...this.lastHealth.keys()]) this.noteHealth(k); // silence from the leader ages them out
      }
    } finally {
      this.ticking = false;
      this.pulses++;
    }
  }

  /** Opens what is wanted and allowed, closes what is no longer either. */
  private async reconcile(): Promise<void> {
    const now = Date.now();
    const wanted = this.wanted();
    let allowed: Set<string>;
    try {
      allowed = await this.opts.eligible([...new Set([...wanted, ...this.conns.keys()])]);
    } catch (err) {
      this.opts.logger?.warn({ err: String(err) }, "trading streams: could not check the keys");
      return;
    }
    if (!this.leading) return;
    for (const keyId of [...this.conns.keys()]) {
      if (!allowed.has(keyId)) {
        this.closeHere(keyId);
        continue;
      }
      if (wanted.includes(keyId)) this.unwantedSince.delete(keyId);
      else {
        const since = this.unwantedSince.get(keyId) ?? now;
        this.unwantedSince.set(keyId, since);
        if (now - since >= (this.opts.graceMs ?? 30_000)) {
          this.unwantedSince.delete(keyId);
          this.closeHere(keyId);
        }
      }
    }
    for (const keyId of wanted) {
      if (this.conns.has(keyId) || !allowed.has(keyId)) continue;
      const refused = this.refusedAt.get(keyId);
      if (refused !== undefined && now - refused < (this.opts.refusedRetryMs ?? 15 * 60_000)) continue;
      this.open(keyId);
    }
  }

  private open(keyId: string) {
    const c = this.opts.connect(keyId);
    this.conns.set(keyId, c);
    c.on("state", () => this.noteHealth(keyId));
    c.on("update", (u) => {
      this.emit("update", keyId, u);
      void this.publish({ t: "update", from: this.id, keyId, sealed: this.opts.seal(keyId, JSON.stringify(u)) });
    });
    c.on("refused", () => {
      this.refusedAt.set(keyId, Date.now());
      this.closeHere(keyId);
    });
    c.start();
  }

  private stopLeading(): void {
    for (const keyId of [...this.conns.keys()]) this.closeHere(keyId);
    this.leading = false;
  }
}
