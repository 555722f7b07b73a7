// Injected faults for tests, drills and benchmarks: latency, 5xx, malformed JSON,
// connection resets, forced 429s and an error that echoes the request, globally or for one account, for a time or a count.
export type FaultKind = "latency" | "error5xx" | "malformed" | "reset" | "ratelimit" | "echo";

export interface Fault {
  id: number;
  kind: FaultKind;
  latencyMs?: number;
  status?: number;
  code?: string;
  accountId?: string;
  until?: number;
  remaining?: number;
  /** Only requests to paths starting with this (e.g. "/account/"). */
  pathPrefix?: string;
}

export class Faults {
  private list: Fault[] = [];
  private nextId = 1;

  add(f: Omit<Fault, "id">): Fault {
    const fault = { ...f, id: this.nextId++ };
    this.list.push(fault);
    return fault;
  }

  /** Every fault, or only those scoped to one account. */
  clear(accountId?: string) {
    this.list = accountId === undefined ? [] : this.list.filter((f) => f.accountId !== accountId);
  }

  active(now: number): Fault[] {
    this.list = this.list.filter(
      (f) => (f.until === undefined || f.until > now) && (f.remaining === undefined || f.remaining > 0),
    );
    return this.list;
  }

  /**
   * The faults that apply to one request; count-limited faults are consumed. With an
   * accountId, only faults scoped to that account; without, only unscoped ones.
   */
  take(now: number, path: string, accountId: string | null): Fault[] {
    const hits = this.active(now).filter(
      (f) => (accountId ? f.accountId === accountId : !f.accountId) && (!f.pathPrefix || path.startsWith(f.pathPrefix)),
    );
    for (const f of hits) if (f.remaining !== undefined) f.remaining--;
    return hits;
  }
}
