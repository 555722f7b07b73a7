// The process's Prometheus metrics (prom-client): one registry per process, kept on globalThis
// because the server (bin/start.ts), Next's route bundles and instrumentation.ts each load
// their own copy of this module. Every label value is from a fixed, small set (endpoint names,
// reasons, route patterns): never a key, user, account, e-mail or address, so no caller can
// grow the series count (see ./labels.ts).
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    exchangeCalls: new Counter({
      name: "keydesk_exchange_calls_total",
      help: "Calls Keydesk made to the exchange, by endpoint class and outcome.",
      labelNames: ["endpoint", "outcome"] as const,
      registers,
    }),
    rateLimited: new Counter({
      name: "keydesk_rate_limited_total",
      help: "429s seen: answered by the exchange (source=exchange) or the upstream budget saying no (source=budget, by layer).",
      labelNames: ["source", "layer"] as const,
      registers,
    }),
    cacheReads: new Counter({
      name: "keydesk_cache_reads_total",
      help: "Exchange-data reads through the gate: fresh cache hits, misses (went upstream) and coalesced readers (joined a call in flight here or on another instance).",
      labelNames: ["endpoint", "result"] as const,
      registers,
    }),
    staleAnswers: new Counter({
      name: "keydesk_stale_answers_total",
      help: "Reads answered with stale (labelled) data, by reason.",
      labelNames: ["reason"] as const,
      registers,
    }),
    budgetUsed: new Gauge({
      name: "keydesk_budget_used",
      help: "Exchange calls in the last rolling minute on the egress IP's budget (shared store).",
      labelNames: ["layer"] as const,
      registers,
    }),
    budgetCeiling: new Gauge({
      name: "keydesk_budget_ceiling_per_minute",
      help: "The ceiling of each budget layer, calls per rolling minute.",
      labelNames: ["layer"] as const,
      registers,
    }),
    accountBudgetMax: new Gauge({
      name: "keydesk_budget_account_used_max",
      help: "The busiest exchange account's calls in the last rolling minute (shared store).",
      registers,
    }),
    accountsByUse: new Gauge({
      name: "keydesk_budget_accounts",
      help: "Exchange accounts by their last minute's share of the account ceiling (band).",
      labelNames: ["band"] as const,
      registers,
    }),
    jobs: new Gauge({
      name: "keydesk_jobs",
      help: "pg-boss jobs by queue and state (created and retry are the queue depth; shared store).",
      labelNames: ["queue", "state"] as const,
      registers,
    }),
    jobFailures: new Counter({
      name: "keydesk_job_failures_total",
      help: "Job runs that failed in this process (pg-boss retries or fails them), by queue.",
      labelNames: ["queue"] as const,
      registers,
    }),
    liveStreams: new Gauge({
      name: "keydesk_live_streams_open",
      help: "Live streams (server-sent events) open on this instance.",
      registers,
    }),
    httpDuration: new Histogram({
      name: "keydesk_http_request_duration_seconds",
      help: "Request latency by route pattern, method and status code, from the first byte in to the last byte out.",
      labelNames: ["route", "method", "code"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
  };
}

type Metrics = ReturnType<typeof createMetrics>;

const globalForMetrics = globalThis as unknown as { keydeskMetrics?: Metrics };

/** The process's metrics, created on first use. */
export function metrics(): Metrics {
  globalForMetrics.keydeskMetrics ??= createMetrics();
  return globalForMetrics.keydeskMetrics;
}
