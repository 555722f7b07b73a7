// Keys whose last exchange answer was an auth failure (revoked, invalid, IP not allowed,
// missing permission). Such a key is served at most its own last answer from before the
// failure, labelled with the reason; never an upstream call, never another key's data.
// "Check again" (a successful call with the key) clears it. Kept per instance, kept in step
// across instances by KeyEventBus.
import "server-only";
import { setBounded } from "@/lib/bounded-map";

export type KeyFailureReason = "key_revoked" | "key_rejected";

export interface KeyFailure {
  reason: KeyFailureReason;
  /** The exchange's code (APIKEY_REVOKED, INVALID_IP_RESTRICTION, MISSING_PERMISSION, ...). */
  code: string;
  /** When the failure was seen: nothing fetched after it is served. */
  at: number;
}

/** Thrown for a read of a failed key with nothing of its own to show. */
export class KeyFailedError extends Error {
  constructor(public readonly failure: KeyFailure) {
    super(`the exchange refused this key (${failure.code})`);
    this.name = "KeyFailedError";
  }
}

const MAX_ENTRIES = 20_000;

export class KeyStates {
  private readonly failed = new Map<string, KeyFailure>();

  get(keyId: string): KeyFailure | undefined {
    return this.failed.get(keyId);
  }

  set(keyId: string, f: KeyFailure): void {
    const known = this.failed.get(keyId);
    // The earliest failure bounds what may be served.
    setBounded(this.failed, keyId, known ? { ...f, at: Math.min(known.at, f.at) } : f, MAX_ENTRIES);
  }

  delete(keyId: string): void {
    this.failed.delete(keyId);
  }
}
