// Session and key-access rows, reused across requests without ever outliving a revocation.
// Contract: database triggers move the one AccessEpoch counter in the same transaction as every
// change to who may read what (prisma/migrations/20261201010000_access_epoch). A row is kept with
// the epoch its own statement saw, and reused only while a read of the epoch that STARTED AFTER
// the request arrived returns that same value. So a session revoked, a key unshared or stopped,
// a member removed (on any instance, or by hand in SQL) is refused on the very next request.
// What this saves: concurrent requests share one read of a one-row table (the reads coalesce)
// instead of each running the session and key-access queries.
import "server-only";
import { hotRows } from "@/lib/db";
import { setBounded } from "@/lib/bounded-map";

/** The epoch as the query selects it alongside a row (text: a BIGINT, exact). */
export const EPOCH_SQL = `(SELECT e."value"::text FROM "AccessEpoch" e WHERE e.id = 1)`;

type Reader = () => Promise<string | null>;

/**
 * Coalesced reads of a value that must be read after the caller asked: callers that arrive
 * while a read is on its way wait for the next read (the one on its way may have been sent
 * before they arrived), and everyone waiting then shares that one.
 */
export function coalescedReader(read: Reader): () => Promise<string | null> {
  let inflight: Promise<string | null> | null = null;
  let queued: Promise<string | null> | null = null;
  const start = () => {
    const p: Promise<string | null> = read().finally(() => {
      if (inflight === p) inflight = null;
    });
    inflight = p;
    return p;
  };
  return () => {
    if (!inflight) return start();
    queued ??= inflight
      .catch(() => undefined)
      .then(() => {
        queued = null;
        // A read started since the last one ended began after every caller waiting here arrived.
        return inflight ?? start();
      });
    return queued;
  };
}

const readEpoch = coalescedReader(async () => {
  const rows = await hotRows<{ epoch: string | null }>("keydesk_access_epoch", `SELECT ${EPOCH_SQL} AS epoch`, []);
  return rows[0]?.epoch ?? null;
});

/** The current access epoch, read after this call (null: unknown, e.g. the row is missing; then nothing is reused). */
export function currentAccessEpoch(): Promise<string | null> {
  return readEpoch();
}

/** Rows kept with the epoch they were read at; bounded (oldest out first). */
export class EpochCache<V> {
  private readonly entries = new Map<string, { epoch: string; value: V }>();
  constructor(private readonly max: number) {}

  /** The kept value when `epoch` (read after the request arrived) is still the one it was read at. */
  async get(key: string, epoch: () => Promise<string | null>): Promise<V | null> {
    const kept = this.entries.get(key);
    if (!kept) return null;
    const now = await epoch().catch(() => null);
    if (now !== null && now === kept.epoch) return kept.value;
    this.entries.delete(key);
    return null;
  }

  set(key: string, epoch: string | null | undefined, value: V): void {
    if (epoch === null || epoch === undefined) return;
    setBounded(this.entries, key, { epoch, value }, this.max);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * One epoch read for one request's checks (session and key access side by side): the first
 * caller's read is made after the request arrived, so it serves both.
 */
export function epochOnce(): () => Promise<string | null> {
  let p: Promise<string | null> | null = null;
  return () => (p ??= currentAccessEpoch());
}
