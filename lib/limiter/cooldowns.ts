// Cool-downs the exchange imposes: RATELIMIT pauses one account for a minute; an IP-level
// block (CF_RATELIMIT / CLIENT_IP_BLOCKED) stops every upstream call from this egress IP
// until it ends. Kept in Redis when configured so every instance obeys; a local copy
// always holds too, so a Redis outage never forgets a block.
import "server-only";
import * as clock from "@/lib/clock";
import type { Redis } from "ioredis";

export interface Cooldown {
  kind: "ip" | "account";
  remainingMs: number;
}

export class Cooldowns {
  private readonly local = new Map<string, number>();
  constructor(
    private readonly redis: Redis | null,
    private readonly prefix: string,
  ) {}

  private key(kind: "ip" | "account", id: string) {
    return `${this.prefix}:cooldown:${kind}:${id}`;
  }

  async set(kind: "ip" | "account", id: string, ms: number): Promise<void> {
    const k = this.key(kind, id);
    const until = clock.now() + ms;
    this.local.set(k, Math.max(this.local.get(k) ?? 0, until));
    if (this.redis?.status === "ready") await this.redis.set(k, String(until), "PX", ms).catch(() => undefined);
  }

  /** The end of each cool-down, from the local copy and Redis (one round trip for all). */
  private async untils(keys: string[]): Promise<number[]> {
    const out = keys.map((k) => this.local.get(k) ?? 0);
    if (this.redis?.status === "ready" && keys.length) {
      const values = await this.redis.mget(...keys).catch(() => [] as (string | null)[]);
      values.forEach((v, i) => {
        if (v) out[i] = Math.max(out[i]!, Number(v));
      });
    }
    return out;
  }

  async check(ip: string, account: string): Promise<Cooldown | null> {
    const [ipUntil, accUntil] = await this.untils([this.key("ip", ip), this.key("account", account)]);
    const now = clock.now();
    if (ipUntil! > now) return { kind: "ip", remainingMs: ipUntil! - now };
    if (accUntil! > now) return { kind: "account", remainingMs: accUntil! - now };
    return null;
  }

  async active(ip: string, accounts: string[]): Promise<{ ip: number; accounts: Record<string, number> }> {
    const [ipUntil, ...accUntils] = await this.untils([
      this.key("ip", ip),
      ...accounts.map((a) => this.key("account", a)),
    ]);
    const now = clock.now();
    const acc: Record<string, number> = {};
    accounts.forEach((a, i) => {
      const ms = accUntils[i]! - now;
      if (ms > 0) acc[a] = ms;
    });
    return { ip: Math.max(0, ipUntil! - now), accounts: acc };
  }
}
