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

/** Failures that are the exchange's own trouble: they stand for every read of that endpoint, not one key's. */
const WIDE: ReadonlySet<StaleReason> = new Set(["upstream_error", "upstream_unreachable"]);

/** Where a read's failure is remembered: the read itself, its account's reads of that endpoint, and the egress IP's. */
export interface FailureScope {
  key: string;
  endpoint: string;
  accountId: string | null;
  egressIp: string;
}

function scopesOf(s: FailureScope): string[] {
  return [s.key, ...(s.accountId ? [`account:${s.accountId}|${s.endpoint}`] : []), `ip:${s.egressIp}|${s.endpoint}`];
}

/**
 * The last upstream failure of each read that has not succeeded since (this instance). A read
 * that pacing holds back is labelled with its own last failure; failing that, when the exchange
 * failed the same endpoint for its account or for this server (a 5xx outage, timeouts) and
 * nothing succeeded there since, with that failure: its data is old because the exchange is
 * failing, not because Keydesk is holding back. A refused key or a 429 stays the read's own.
 */
export class FailureLabels {
  private readonly failures = new Map<string, { reason: StaleReason; at: number }>();

  note(scope: FailureScope, reason: StaleReason): void {
    const at = clock.now();
    const where = WIDE.has(reason) ? scopesOf(scope) : [scope.key];
    for (const k of where) setBounded(this.failures, k, { reason, at }, 5_000);
  }

  /** The read succeeded: its old failure, and its endpoint's on its account and IP, no longer explain anything. */
  clear(scope: FailureScope): void {
    for (const k of scopesOf(scope)) this.failures.delete(k);
  }

  recent(scope: FailureScope): StaleReason | null {
    const now = clock.now();
    for (const k of scopesOf(scope)) {
      const f = this.failures.get(k);
      if (f && now - f.at < FAILURE_LABEL_MS) return f.reason;
    }
    return null;
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
