// The deployment's market prices as the stream last told them: one entry per instrument, the
// newest price wins, except that the first price after a (re)connect replaces whatever was
// held (the next snapshot is the truth, even if the exchange's clock says it is older).
import type { PriceUpdate } from "./wire";

export class PriceBook {
  private readonly entries = new Map<string, PriceUpdate>();
  /** Instruments not yet priced since the last (re)connect: their next price replaces the old one. */
  private unconfirmed = new Set<string>();

  /** A new connection: every held price waits for its snapshot. */
  reconnected(): void {
    this.unconfirmed = new Set(this.entries.keys());
  }

  /** Applies updates (a history batch gives the newest of its ticks); returns those that changed a price. */
  apply(updates: readonly PriceUpdate[]): PriceUpdate[] {
    const newest = new Map<string, PriceUpdate>();
    for (const u of updates) {
      const seen = newest.get(u.instrument);
      if (!seen || u.timeMs >= seen.timeMs) newest.set(u.instrument, u);
    }
    const changed: PriceUpdate[] = [];
    for (const u of newest.values()) {
      const held = this.entries.get(u.instrument);
      const snapshot = this.unconfirmed.delete(u.instrument);
      if (held && !snapshot && u.timeMs < held.timeMs) continue;
      const merged = u.changePct === undefined && held?.changePct !== undefined && !snapshot ? { ...u } : u;
      this.entries.set(u.instrument, merged);
      if (!held || held.price !== u.price || held.changePct !== u.changePct || snapshot) changed.push(merged);
    }
    return changed;
  }

  /** Replaces the whole book (a follower joining takes the leader's full state). */
  replace(updates: readonly PriceUpdate[]): void {
    this.entries.clear();
    this.unconfirmed.clear();
    this.apply(updates);
  }

  get(instrument: string): PriceUpdate | undefined {
    return this.entries.get(instrument);
  }

  all(): PriceUpdate[] {
    return [...this.entries.values()];
  }

  get size(): number {
    return this.entries.size;
  }

  /** The newest exchange time held (epoch ms), or null when empty. */
  newestMs(): number | null {
    let best: number | null = null;
    for (const e of this.entries.values()) if (best === null || e.timeMs > best) best = e.timeMs;
    return best;
  }
}
