// The calls the rest of the code makes to count things: one line at each place something
// happens (the gate, the job workers, the live stream, the server). Each takes only values
// from fixed sets (the gate passes its typed endpoints and stale reasons: lib/limiter/policy.ts),
// so a caller cannot add series; none of them can throw into its caller. Metrics sit below the
// gate, so the gate's label types are named here by their shape, not imported.
import { withJob } from "@/lib/request-context";
import { metrics } from "./registry";

/** An endpoint the gate reads, or a one-off call's purpose (key_check, health, cancel_all). */
type EndpointClass = string;
/** ok, a stale reason the caller's classifier gave, or error (a failure it did not recognise). */
type CallOutcome = string;
type Endpoint = string;
type StaleReason = string;
type CacheResult = "hit" | "miss" | "coalesced";
type BudgetLayer = "ip" | "account" | "user" | "cooldown" | "checks";

export function countExchangeCall(endpoint: EndpointClass, outcome: CallOutcome): void {
  metrics().exchangeCalls.inc({ endpoint, outcome });
  if (outcome === "rate_limited") metrics().rateLimited.inc({ source: "exchange", layer: "exchange" });
}

/** The upstream budget refused or could not wait (the caller answers 429 or stale data). */
export function countBudgetRefusal(layer: BudgetLayer): void {
  metrics().rateLimited.inc({ source: "budget", layer });
}

export function countCacheRead(endpoint: Endpoint, result: CacheResult): void {
  metrics().cacheReads.inc({ endpoint, result });
}

export function countStaleAnswer(reason: StaleReason): void {
  metrics().staleAnswers.inc({ reason });
}

/** A job handler threw: pg-boss will retry or fail the job. */
function countJobFailure(queue: string): void {
  metrics().jobFailures.inc({ queue });
}

/**
 * Wraps a pg-boss work handler: it runs in the job's log context (its lines carry `job`, the
 * queue) and a failure is counted (and still thrown to pg-boss).
 */
export function countingFailures<A extends unknown[], R>(
  queue: string,
  handler: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await withJob(queue, () => handler(...args));
    } catch (err) {
      countJobFailure(queue);
      throw err;
    }
  };
}

/** A live stream (server-sent events) opened on this instance: call liveStreamClosed() when it ends. */
export function liveStreamOpened(): void {
  metrics().liveStreams.inc();
}

export function liveStreamClosed(): void {
  metrics().liveStreams.dec();
}
