// Cool-downs the exchange imposes: RATELIMIT pauses one account for a minute; an IP-level
// block (CF_RATELIMIT / CLIENT_IP_BLOCKED) stops every upstream call from this egress IP
// until it ends. Kept in Redis when configured so every instance obeys; a local copy
// always holds too, so a Redis outage never forgets a block.
import "server-only";
import type { Redis } from "ioredis";

export interface Cooldown { kind: "ip" | "account"; remainingMs: number }

export class Cooldowns {
  private readonly local = new Map<string, number>();
  constructor(private readonly redis: Redis | null, private readonly prefix: string) {}

  private key(kind: "ip" | "account", id: string) {
    return `${this.prefix}:cooldown:${kind}:${id}`;
  }

  async set(kind: "ip" | "account", id: string, ms: number): Promise<void> {
    const k = this.key(kind, id);
    const until = Date.now() + ms;
    this.local.set(k, Math.max(this.local.get(k) ?? 0, until));
    if (this.redis?.status === "ready") await this.redis.set(k, String(until), "PX", ms).catch(() => undefined);
  }

  private async until(k: string): Promise<number> {
    let t = this.local.get(k) ?? 0;
    if (this.redis?.status === "ready") {
      const v = await this.redis.get(k).catch(() => null);
      if (v) t = Math.max(t, Number(v));
    }
    return t;
  }

  async check(ip: string, account: string): Promise<Cooldown | null> {
    const now = Date.now();
    const ipUntil = await this.until(this.key("ip", ip));
    if (ipUntil > now) return { kind: "ip", remainingMs: ipUntil - now };
    const accUntil = await this.until(this.key("account", account));
    if (accUntil > now) return { kind: "account", remainingMs: accUntil - now };
    return null;
  }

  async active(ip: string, accounts: string[]): Promise<{ ip: number; accounts: Record<string, number> }> {
    const now = Date.now();
    const ipMs = Math.max(0, (await this.until(this.key("ip", ip))) - now);
    const acc: Record<string, number> = {};
    for (const a of accounts) {
      const ms = (await this.until(this.key("account", a))) - now;
      if (ms > 0) acc[a] = ms;
    }
    return { ip: ipMs, accounts: acc };
  }
}
