// How the leader's prices reach the other instances: PostgreSQL LISTEN/NOTIFY without Redis,
// Redis pub/sub with it. Messages are small JSON; a NOTIFY payload must stay under 8,000 bytes,
// so price batches are split. The trading streams (./trading.ts) use the same two buses on
// channels of their own. Every message names the instance that sent it, and an instance
// ignores its own.
import "server-only";
import pg from "pg";
import type { Redis } from "ioredis";
import type { PriceUpdate } from "./wire";

export type BusMessage =
  /** Prices; `full`: the leader's whole book (a new leader, or a follower asking). */
  | { t: "prices"; from: string; updates: PriceUpdate[]; full?: boolean }
  /** The leader's pulse: whether its exchange connection is healthy, and what it subscribes. */
  | { t: "beat"; from: string; healthy: boolean; instruments: number }
  /** A follower's currencies on live pages (the leader subscribes what they need), or its ask for the full book. */
  | { t: "need"; from: string; currencies: string[]; wantsBook?: boolean };

/** A bus of messages that name their sender (the market stream's prices; the trading streams' events). */
export interface PriceBus<M extends { from: string } = BusMessage> {
  publish(m: M): Promise<void>;
  onMessage(fn: (m: M) => void): void;
  close(): Promise<void>;
}

const MAX_NOTIFY_BYTES = 7_000;

/** Splits a prices message so each part serializes under `max` bytes. */
export function splitForNotify(m: BusMessage | { t: string; from: string }, max = MAX_NOTIFY_BYTES): string[] {
  const whole = JSON.stringify(m);
  if (Buffer.byteLength(whole) <= max || !isPrices(m) || m.updates.length <= 1) return [whole];
  const half = Math.ceil(m.updates.length / 2);
  return [
    ...splitForNotify({ ...m, updates: m.updates.slice(0, half) }, max),
    ...splitForNotify({ ...m, updates: m.updates.slice(half) }, max),
  ];
}

const isPrices = (m: { t: string }): m is Extract<BusMessage, { t: "prices" }> => m.t === "prices";

function parse<M extends { from: string }>(text: string): M | null {
  try {
    const m = JSON.parse(text) as M;
    return m && typeof m === "object" && typeof m.from === "string" ? m : null;
  } catch {
    return null;
  }
}

export class PgBus<M extends { t: string; from: string } = BusMessage> implements PriceBus<M> {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly handlers: ((m: M) => void)[] = [];
  private closed = false;

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
  ) {}

  /** The listening connection, (re)made on demand; a dropped one is replaced on the next publish or pulse. */
  private conn(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const c = new pg.Client({ connectionString: this.connectionString, application_name: "keydesk-market-bus" });
      c.on("error", () => {
        if (this.client === c) this.client = null;
      });
      c.on("notification", (n) => {
        if (n.channel !== this.channel || !n.payload) return;
        const m = parse<M>(n.payload);
        if (m) for (const h of this.handlers) h(m);
      });
      await c.connect();
      await c.query(`LISTEN "${this.channel}"`);
      if (this.closed) {
        await c.end().catch(() => undefined);
        throw new Error("bus closed");
      }
      this.client = c;
      return c;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  async start(): Promise<void> {
    await this.conn();
  }

  /** Publishes one after another on the one connection (pg runs a client's queries in order anyway). */
  private queue: Promise<void> = Promise.resolve();

  publish(m: M): Promise<void> {
    const run = this.queue.then(async () => {
      const c = await this.conn();
      for (const part of splitForNotify(m)) await c.query("SELECT pg_notify($1, $2)", [this.channel, part]);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  onMessage(fn: (m: M) => void): void {
    this.handlers.push(fn);
  }

  async close(): Promise<void> {
    this.closed = true;
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }
}

export class RedisBus<M extends { t: string; from: string } = BusMessage> implements PriceBus<M> {
  private readonly handlers: ((m: M) => void)[] = [];

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly channel: string,
  ) {
    subscriber.on("message", (ch: string, text: string) => {
      if (ch !== this.channel) return;
      const m = parse<M>(text);
      if (m) for (const h of this.handlers) h(m);
    });
  }

  /** Subscribes once the connection is ready (commands are not queued offline; ioredis resubscribes after a reconnect). */
  async start(): Promise<void> {
    if (this.subscriber.status !== "ready")
      await new Promise<void>((resolve) => this.subscriber.once("ready", () => resolve()));
    await this.subscriber.subscribe(this.channel);
  }

  async publish(m: M): Promise<void> {
    await this.publisher.publish(this.channel, JSON.stringify(m));
  }

  onMessage(fn: (m: M) => void): void {
    this.handlers.push(fn);
  }

  async close(): Promise<void> {
    await this.subscriber.unsubscribe(this.channel).catch(() => undefined);
    this.subscriber.disconnect();
  }
}
