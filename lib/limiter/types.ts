// The gate's contract: its options, what a read asks and gets, what a one-off call asks, and
// what the gate's classifier says about an upstream failure.
import type { Redis } from "ioredis";
import type { Endpoint, Priority, StaleReason } from "./policy";
import type { KeyFailure } from "./key-states";
import type { CacheCipher } from "@/lib/crypto/cache-cipher";
import type { ExchangeClient } from "@/lib/exchange/client";

export interface GateOptions {
  ipPerMinute: number;
  accountPerMinute: number;
  instanceCount: number;
  redis?: Redis | null;
  keyPrefix?: string;
  logger?: { warn: (o: object, m: string) => void; info: (o: object, m: string) => void };
  maxWaitMs?: Partial<Record<Priority, number>>;
  /** Seals values stored in Redis; without it, no exchange data is written to Redis at all. */
  cipher?: CacheCipher | null;
  /** A second connection for pub/sub (key failures and purges reach every instance at once). */
  subscriber?: Redis | null;
  /** Key checks (live check, Check again, share check) per user a minute. */
  keyChecksPerMinute?: number;
  /** Stale data is kept (and served) at most this long. */
  staleMaxMs?: number;
  /** Members' share of each account's per-minute budget, in percent (./reader-share.ts; default 25, at most 50). */
  memberSharePercent?: number;
  /** WebSocket upgrades to the exchange a minute, for the whole deployment (./connections.ts; default 12, at most 15). */
  connectionsPerMinute?: number;
  /**
   * What an upstream failure means (stale label, cool-down, the key's state): set once for the
   * gate (the process's gate uses ./classify.ts). Without it no failure is recognised.
   */
  classify?: (err: unknown) => UpstreamFailure | null;
  /** The exchange client the gate hands its reads and calls (the process's gate: ./exchange-client.ts). */
  exchange?: () => ExchangeClient;
}

export interface Freshness<T> {
  data: T;
  fetchedAt: string;
  source: "live" | "cache" | "stale";
  staleReason?: StaleReason;
  retryAfterSeconds?: number;
  /** A member's refresh that was not honoured (./reader-share.ts): this is the cached answer. */
  refreshDeclined?: "too_soon" | "too_often";
}

/** What the caller's error classifier says about an upstream failure. */
export interface UpstreamFailure {
  staleReason: StaleReason;
  /** Serve stale data (true) or surface the error (false, e.g. a revoked key for the owner). */
  serveStale: boolean;
  cooldown?: { kind: "ip" | "account"; ms: number };
  /** The exchange refused the key itself (auth or permission): it reads nothing more until checked again. */
  keyFailure?: { code: string };
}

export interface FetchRequest<T> {
  /** The key row whose credentials fetch this (its data is cached and coalesced under it); null for public data. */
  keyId: string | null;
  /** The exchange account, only once the exchange has accepted a key for it; null otherwise. */
  accountId: string | null;
  /** The key's stored status says the exchange refused it (another instance, or before a restart). */
  knownFailure?: KeyFailure | null;
  endpoint: Endpoint;
  params?: Record<string, unknown>;
  userId: string;
  egressIp: string;
  priority: Priority;
  /** The upstream read; `exchange` is the gate's exchange client (the only way to it). */
  fetcher: (exchange: () => ExchangeClient) => Promise<{ data: T; remainingQuota?: number | null }>;
  /** Overrides the gate's classifier for this read (tests); production code leaves it to the gate. */
  classify?: (err: unknown) => UpstreamFailure | null;
  /** Told about every upstream failure, whether or not stale data hides it from the viewer. */
  onUpstreamError?: (err: unknown) => Promise<void>;
  /** Skip a fresh cache entry (a "refresh" button); still coalesced and budgeted. */
  refresh?: boolean;
  /** Who reads: the key's owner, or a member it is shared with (limited to their share). Default owner. */
  reader?: "owner" | "member";
  /**
   * Called once when this read is about to go upstream (no fresh value, not coalesced), before
   * the lock and the budget are taken: the caller can start work the fetcher needs (reading the
   * key's envelope) alongside them. The fetcher may still not run (budget spent, another
   * instance fetched it).
   */
  prepare?: () => void;
  /**
   * Never wait for budget (a page's first paint): when a call would have to wait, answer at once
   * with the last value, labelled stale, or throw BudgetExceededError when there is none.
   */
  noWait?: boolean;
}

/** One exchange call that is not a cached read: a key check (live, Check again, share) or the health probe. */
export interface CallRequest<T> {
  /** cancel_all: the owner's cancel of all open orders (lib/exchange/cancel-all.ts), the only write. */
  purpose: "key_check" | "health" | "cancel_all";
  keyId: string | null;
  accountId: string | null;
  userId: string | null;
  egressIp: string;
  priority: Priority;
  maxWaitMs?: number;
  /** The call; `exchange` is the gate's exchange client (the only way to it). */
  fn: (exchange: () => ExchangeClient) => Promise<T>;
  /** Overrides the gate's classifier for this call (tests); production code leaves it to the gate. */
  classify?: (err: unknown) => UpstreamFailure | null;
}
