// The exchange's limits with a true rolling window: per account 200/min on private
// endpoints (then throttled for a minute), per client IP 240/min (then blocked for an hour
// by default). Also the counters tests and benchmarks read: current rolling-minute counts,
// the maximum ever seen in any window, 429s sent, requests by method.
export interface LimitOptions {
  accountLimit: number;
  ipLimit: number;
  windowMs: number;
  accountThrottleMs: number;
  ipBlockMs: number;
}

class RollingWindow {
  private readonly times: number[] = [];
  private head = 0;
  max = 0;
  constructor(private readonly windowMs: number) {}
  count(now: number): number {
    while (this.head < this.times.length && this.times[this.head]! <= now - this.windowMs) this.head++;
    if (this.head > 4096 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
    return this.times.length - this.head;
  }
  add(now: number): number {
    const n = this.count(now) + 1;
    this.times.push(now);
    if (n > this.max) this.max = n;
    return n;
  }
}

export type LimitVerdict =
  { ok: true; remaining: number | null } | { ok: false; code: "RATELIMIT" | "CF_RATELIMIT"; retryAfterMs: number };

export class Limits {
  private readonly accounts = new Map<string, RollingWindow>();
  private readonly ips = new Map<string, RollingWindow>();
  private readonly throttledUntil = new Map<string, number>();
  private readonly blockedUntil = new Map<string, number>();
  readonly sent429 = { account: 0, ip: 0, forced: 0 };
  readonly byMethod: Record<string, number> = {};
  readonly byAccountMethod = new Map<string, Record<string, number>>();
  total = 0;

  constructor(public opts: LimitOptions) {}

  private win(map: Map<string, RollingWindow>, k: string) {
    let w = map.get(k);
    if (!w) map.set(k, (w = new RollingWindow(this.opts.windowMs)));
    return w;
  }

  /** Counts a request from an IP (every request). */
  checkIp(ip: string, method: string, now: number): LimitVerdict {
    this.total++;
    this.byMethod[method] = (this.byMethod[method] ?? 0) + 1;
    const blocked = this.blockedUntil.get(ip);
    if (blocked && blocked > now) {
      this.sent429.ip++;
      return { ok: false, code: "CF_RATELIMIT", retryAfterMs: blocked - now };
    }
    const n = this.win(this.ips, ip).add(now);
    if (n > this.opts.ipLimit) {
      this.blockedUntil.set(ip, now + this.opts.ipBlockMs);
      this.sent429.ip++;
      return { ok: false, code: "CF_RATELIMIT", retryAfterMs: this.opts.ipBlockMs };
    }
    return { ok: true, remaining: null };
  }

  /** Counts an authenticated request against its account. */
  checkAccount(accountId: string, method: string, now: number): LimitVerdict {
    const m = this.byAccountMethod.get(accountId) ?? {};
    m[method] = (m[method] ?? 0) + 1;
    this.byAccountMethod.set(accountId, m);
    const until = this.throttledUntil.get(accountId);
    if (until && until > now) {
      this.sent429.account++;
      return { ok: false, code: "RATELIMIT", retryAfterMs: until - now };
    }
    const n = this.win(this.accounts, accountId).add(now);
    if (n > this.opts.accountLimit) {
      this.throttledUntil.set(accountId, now + this.opts.accountThrottleMs);
      this.sent429.account++;
      return { ok: false, code: "RATELIMIT", retryAfterMs: this.opts.accountThrottleMs };
    }
    return { ok: true, remaining: this.opts.accountLimit - n };
  }

  snapshot(now: number) {
    const per = (map: Map<string, RollingWindow>) =>
      Object.fromEntries([...map.entries()].map(([k, w]) => [k, { current: w.count(now), maxInAnyWindow: w.max }]));
    return {
      windowMs: this.opts.windowMs,
      limits: { account: this.opts.accountLimit, ip: this.opts.ipLimit },
      accounts: per(this.accounts),
      ips: per(this.ips),
      maxPerAccount: Math.max(0, ...[...this.accounts.values()].map((w) => w.max)),
      maxPerIp: Math.max(0, ...[...this.ips.values()].map((w) => w.max)),
      sent429: { ...this.sent429, total: this.sent429.account + this.sent429.ip + this.sent429.forced },
      byMethod: { ...this.byMethod },
      byAccountMethod: Object.fromEntries(this.byAccountMethod),
      totalRequests: this.total,
      blockedIps: Object.fromEntries(
        [...this.blockedUntil.entries()].filter(([, t]) => t > now).map(([k, t]) => [k, t - now]),
      ),
      throttledAccounts: Object.fromEntries(
        [...this.throttledUntil.entries()].filter(([, t]) => t > now).map(([k, t]) => [k, t - now]),
      ),
    };
  }

  reset() {
    this.accounts.clear();
    this.ips.clear();
    this.throttledUntil.clear();
    this.blockedUntil.clear();
    this.sent429.account = this.sent429.ip = this.sent429.forced = 0;
    for (const k of Object.keys(this.byMethod)) delete this.byMethod[k];
    this.byAccountMethod.clear();
    this.total = 0;
  }
}
