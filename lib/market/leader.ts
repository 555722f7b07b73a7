// Who holds the exchange's market connection: exactly one instance of the deployment. Without
// Redis, a session-level PostgreSQL advisory lock on a connection of its own (a dead instance's
// connection closes and the lock goes with it; nothing else is needed for the embedded default).
// With REDIS_URL, a Redis lock (SET NX PX, renewed every third of its lifetime by its holder
// only), so a leader that stops renewing is replaced within the lifetime.
import "server-only";
import { randomUUID, createHash } from "node:crypto";
import pg from "pg";
import type { Redis } from "ioredis";

export interface Leadership {
  /** Tries to hold (or keep holding) the lock: true while this instance leads. */
  hold(): Promise<boolean>;
  /** Gives the lock up (shutdown, or a test killing the leader politely). */
  release(): Promise<void>;
  /** Goes away as a dead process would: no unlock (PostgreSQL ends the session; a Redis lock expires). */
  abandon(): Promise<void>;
  readonly kind: "postgres" | "redis";
}

/** The advisory lock's 64-bit key, from the deployment's prefix (two deployments on one database don't collide). */
export function advisoryKey(prefix: string): string {
  return BigInt.asIntN(
    64,
    BigInt(`0x${createHash("sha256").update(`${prefix}:market-stream`).digest("hex").slice(0, 16)}`),
  ).toString();
}

export class PgLeadership implements Leadership {
  readonly kind = "postgres" as const;
  private client: pg.Client | null = null;
  private held = false;

  constructor(
    private readonly connectionString: string,
    private readonly prefix: string,
  ) {}

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: "keydesk-market-leader",
    });
    client.on("error", () => {
      // A dropped connection drops the lock with it: the next hold() finds out and starts over.
      this.held = false;
      if (this.client === client) this.client = null;
    });
    await client.connect();
    return client;
  }

  async hold(): Promise<boolean> {
    try {
      this.client ??= await this.connect();
      if (this.held) {
        await this.client.query("SELECT 1");
        return this.held;
      }
      const r = await this.client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS ok", [
        advisoryKey(this.prefix),
      ]);
      this.held = Boolean(r.rows[0]?.ok);
      return this.held;
    } catch {
      this.held = false;
      const c = this.client;
      this.client = null;
      await c?.end().catch(() => undefined);
      return false;
    }
  }

  async release(): Promise<void> {
    const c = this.client;
    this.client = null;
    const was = this.held;
    this.held = false;
    if (!c) return;
    if (was) await c.query("SELECT pg_advisory_unlock($1::bigint)", [advisoryKey(this.prefix)]).catch(() => undefined);
    await c.end().catch(() => undefined);
  }

  async abandon(): Promise<void> {
    const c = this.client;
    this.client = null;
    this.held = false;
    await c?.end().catch(() => undefined);
  }
}

const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

export class RedisLeadership implements Leadership {
  readonly kind = "redis" as const;
  private readonly token = randomUUID();
  private held = false;
  private readonly key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly ttlMs: number,
  ) {
    this.key = `${prefix}:market-stream:leader`;
  }

  async hold(): Promise<boolean> {
    try {
      if (this.held) {
        this.held = Number(await this.redis.eval(RENEW, 1, this.key, this.token, String(this.ttlMs))) === 1;
      }
      if (!this.held) this.held = (await this.redis.set(this.key, this.token, "PX", this.ttlMs, "NX")) === "OK";
      return this.held;
    } catch {
      // Redis unreachable: a leader can't prove it still holds the lock, so it stops leading.
      this.held = false;
      return false;
    }
  }

  async release(): Promise<void> {
    const was = this.held;
    this.held = false;
    if (was) await this.redis.eval(RELEASE, 1, this.key, this.token).catch(() => undefined);
  }

  abandon(): Promise<void> {
    this.held = false;
    return Promise.resolve();
  }
}
