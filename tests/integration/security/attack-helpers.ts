// Shared setup for the security regression tests: the simulator's counters and control API,
// and one "instance" (an upstream gate of its own) per simulated server on one Redis.
import { Redis } from "ioredis";
import type { RunningSimulator } from "@/lib/simulator";
import { createUpstreamGate, type UpstreamGate } from "@/lib/limiter";
import { createCacheCipher } from "@/lib/crypto/cache-cipher";
import { classifyUpstream } from "@/lib/limiter/classify";
import { getExchangeClient } from "@/lib/limiter/exchange-client";
import { getKeyring } from "@/lib/crypto/instance";
import { waitFor } from "../../helpers/wait-for";

export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export interface Counters {
  totalRequests: number;
  maxPerIp: number;
  sent429: { total: number };
  blockedIps: Record<string, number>;
  byMethod: Record<string, number>;
}

export async function counters(sim: RunningSimulator): Promise<Counters> {
  return (await (await fetch(`${sim.controlUrl}/counters`)).json()) as Counters;
}

export async function mintKey(
  sim: RunningSimulator,
  account: string,
  scopes = ["READ_ONLY"],
): Promise<{ key: string; jti: string; accountId: string }> {
  return (await (
    await fetch(`${sim.controlUrl}/keys`, { method: "POST", body: JSON.stringify({ scopes, account }) })
  ).json()) as { key: string; jti: string; accountId: string };
}

export async function revokeKey(sim: RunningSimulator, jti: string): Promise<void> {
  await fetch(`${sim.controlUrl}/keys/revoke`, { method: "POST", body: JSON.stringify({ jti }) });
}

const clients: Redis[] = [];

export async function redisClient(): Promise<Redis> {
  const c = new Redis(REDIS_URL, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 1_000,
    retryStrategy: () => null,
  });
  c.on("error", () => {});
  clients.push(c);
  if (c.status !== "ready")
    await new Promise<void>((resolve, reject) => {
      c.once("ready", () => resolve());
      c.once("error", reject);
    });
  return c;
}

/** One Keydesk instance's gate: its own Redis connections (commands and pub/sub), the shared prefix. */
export async function instanceGate(prefix: string): Promise<UpstreamGate> {
  const [redis, subscriber] = [await redisClient(), await redisClient()];
  const channel = `${prefix}:key-events`;
  const subscribers = async () => {
    const [, n] = (await redis.pubsub("NUMSUB", channel)) as [string, number];
    return Number(n);
  };
  const before = await subscribers();
  const gate = createUpstreamGate({
    ipPerMinute: 220,
    accountPerMinute: 180,
    instanceCount: 2,
    redis,
    subscriber,
    keyPrefix: prefix,
    cipher: createCacheCipher(getKeyring()),
    // As the process's gate is configured (lib/limiter/instance.ts).
    classify: classifyUpstream,
    exchange: getExchangeClient,
  });
  // Subscriptions are set up asynchronously: wait until Redis counts this one.
  await waitFor("the instance's key-event subscription", async () => (await subscribers()) > before);
  return gate;
}

/** Makes `gate` the process's gate (what lib/ code reaches through getGate()) for the next calls. */
export function installGate(gate: UpstreamGate): void {
  (globalThis as unknown as { keydeskGate?: UpstreamGate }).keydeskGate = gate;
}

export function closeRedisClients(): void {
  for (const c of clients) c.disconnect();
}
