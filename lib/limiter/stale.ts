// Stale answers: what a read gets when it can't go to the exchange, labelled with why (pacing,
// a cool-down, the exchange's last failure for this read, a refused key).
import "server-only";
import * as clock from "@/lib/clock";
import { setBounded } from "@/lib/bounded-map";
import { KeyFailedError, type KeyFailure } from "./key-states";
import type { StaleReason } from "./policy";
import type { Freshness } from "./types";
import { countStaleAnswer } from "@/lib/metrics/hooks";

/** How long a failed read keeps its failure as the stale label while pacing delays the retry. */
const FAILURE_LABEL_MS = 60_000;

/** The last upstream failure of each read that has not succeeded since (this instance). */
export class FailureLabels {
  private readonly failures = new Map<string, { reason: StaleReason; at: number }>();

  note(key: string, reason: StaleReason): void {
    setBounded(this.failures, key, { reason, at: clock.now() }, 5_000);
  }

  /** The read succeeded: its old failure no longer explains anything. */
  clear(key: string): void {
    this.failures.delete(key);
  }

  recent(key: string): StaleReason | null {
    const f = this.failures.get(key);
    return f && clock.now() - f.at < FAILURE_LABEL_MS ? f.reason : null;
  }
}

/** The cached value, labelled stale with its reason (and when to retry); without one, `err` is thrown. */
export function staleAnswer<T>(
  cached: { data: unknown; fetchedAt: number } | null,
  reason: StaleReason,
  retryAfterMs: number | undefined,
  err: unknown,
): Freshness<T> {
  if (!cached) throw err;
  countStaleAnswer(reason);
  return {
    data: cached.data as T,
    fetchedAt: new Date(cached.fetchedAt).toISOString(),
    source: "stale",
    staleReason: reason,
    ...(retryAfterMs ? { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) } : {}),
  };
}

/** A refused key: its own last answer from before the failure, labelled, or the failure itself. */
export function refusedKeyAnswer<T>(
  own: { data: unknown; fetchedAt: number } | null,
  failed: KeyFailure,
): Freshness<T> {
  if (own && own.fetchedAt <= failed.at) {
    countStaleAnswer(failed.reason);
    return {
      data: own.data as T,
      fetchedAt: new Date(own.fetchedAt).toISOString(),
      source: "stale",
      staleReason: failed.reason,
    };
  }
  throw new KeyFailedError(failed);
}
