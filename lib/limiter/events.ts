// What one instance tells every other about keys, at once: a key's exchange answer turned
// into an auth failure (or back), and a key was deleted (purge its cached data). Carried by
// Redis pub/sub when configured; applied in-process always, so one instance needs no Redis.
// A message lost while Redis is away is covered by the key's stored status (the proxy passes
// it on every read) and by key deletion removing every way to read the entries.
import "server-only";
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { z } from "zod";

export const keyEventSchema = z.discriminatedUnion("t", [
  z.object({
    t: z.literal("failed"),
    keyId: z.string().max(64),
    reason: z.enum(["key_revoked", "key_rejected"]),
    code: z.string().max(64),
    at: z.number(),
  }),
  z.object({ t: z.literal("cleared"), keyId: z.string().max(64) }),
  z.object({ t: z.literal("purge"), keyId: z.string().max(64) }),
  // Emergency stop: refuse the key and drop its cached data; nothing fetched later is stored.
  z.object({ t: z.literal("stopped"), keyId: z.string().max(64), at: z.number() }),
]);

export type KeyEvent = z.infer<typeof keyEventSchema>;

export class KeyEventBus {
  private readonly origin = randomUUID();
  private readonly channel: string;

  constructor(
    private readonly redis: Redis | null,
    private readonly subscriber: Redis | null,
    prefix: string,
    private readonly apply: (e: KeyEvent) => void,
  ) {
    this.channel = `${prefix}:key-events`;
    if (subscriber) {
      const subscribe = () => void subscriber.subscribe(this.channel).catch(() => undefined);
      if (subscriber.status === "ready") subscribe();
      subscriber.on("ready", subscribe);
      subscriber.on("message", (channel: string, raw: string) => {
        if (channel !== this.channel) return;
        try {
          const msg = JSON.parse(raw) as { o?: unknown; e?: unknown };
          if (msg.o === this.origin) return;
          const parsed = keyEventSchema.safeParse(msg.e);
          if (parsed.success) this.apply(parsed.data);
        } catch {
          // not ours
        }
      });
    }
  }

  /** Applies here at once, then tells the other instances. */
  async publish(e: KeyEvent): Promise<void> {
    this.apply(e);
    if (this.redis?.status === "ready")
      await this.redis.publish(this.channel, JSON.stringify({ o: this.origin, e })).catch(() => undefined);
  }

  close(): void {
    this.subscriber?.disconnect();
  }
}
