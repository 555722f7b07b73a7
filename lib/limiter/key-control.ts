// Each key's standing on every instance: failed (revoked or rejected at the exchange), stopped
// (the emergency stop), cleared (working again, or replaced) and purged (deleted). Told to
// every instance over pub/sub (./events.ts); each keeps its own copy, the database's status
// staying the authority. A stopped or purged key's cached data goes at once, here and in Redis.
import "server-only";
import * as clock from "@/lib/clock";
import type { Redis } from "ioredis";
import { setBounded } from "@/lib/bounded-map";
import type { ResponseCache } from "./cache";
import { KeyEventBus, type KeyEvent } from "./events";
import { KeyStates, type KeyFailureReason } from "./key-states";

export class KeyControl {
  /** Keys the exchange refused (this instance's copy). */
  readonly states = new KeyStates();
  /** Keys under an emergency stop (this instance's copy). */
  private readonly stopped = new Map<string, number>();
  private readonly events: KeyEventBus;
  /** Who else hears each event as it is applied here (the trading streams close a stopped or deleted key's connection). */
  private readonly listeners = new Set<(e: KeyEvent) => void>();

  constructor(
    redis: Redis | null,
    subscriber: Redis | null,
    prefix: string,
    private readonly cache: ResponseCache,
  ) {
    this.events = new KeyEventBus(redis, subscriber, prefix, (e) => this.apply(e));
  }

  private apply(e: KeyEvent): void {
    this.applyHere(e);
    for (const fn of this.listeners) fn(e);
  }

  /** Hears every key event this instance applies (its own and other instances'); returns the unsubscribe. */
  onEvent(fn: (e: KeyEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private applyHere(e: KeyEvent): void {
    if (e.t === "failed") this.states.set(e.keyId, { reason: e.reason, code: e.code, at: e.at });
    else if (e.t === "cleared") {
      this.states.delete(e.keyId);
      this.stopped.delete(e.keyId);
    } else if (e.t === "stopped") {
      setBounded(this.stopped, e.keyId, e.at, 20_000);
      this.states.set(e.keyId, { reason: "key_rejected", code: "KEY_STOPPED", at: e.at });
      this.cache.forgetLocal(e.keyId);
    } else {
      this.states.delete(e.keyId);
      this.cache.forgetLocal(e.keyId);
    }
  }

  /** The exchange refused the key: every instance serves its failure until it is cleared. */
  failed(keyId: string, reason: KeyFailureReason, code: string): Promise<void> {
    return this.events.publish({ t: "failed", keyId, reason, code, at: clock.now() });
  }

  /** The key works again (or was replaced and accepted): its failure, and a stop, end everywhere. */
  cleared(keyId: string): Promise<void> {
    return this.events.publish({ t: "cleared", keyId });
  }

  /** A key was deleted: its cached data goes from Redis and from every instance's memory. */
  async purge(keyId: string): Promise<void> {
    await this.events.publish({ t: "purge", keyId });
    await this.cache.forgetScope(keyId);
  }

  /** Emergency stop: every instance refuses the key and drops its cached data; its entries and locks leave Redis. */
  async stop(keyId: string): Promise<void> {
    await this.events.publish({ t: "stopped", keyId, at: clock.now() });
    await this.cache.forgetScope(keyId);
  }

  /** Whether this instance has heard that the key was stopped. */
  isStopped(keyId: string): boolean {
    return this.stopped.has(keyId);
  }

  /** Closes the pub/sub connection (tests, shutdown). */
  close(): void {
    this.events.close();
  }
}
