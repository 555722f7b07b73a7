// Health: the database, Redis (when configured) and the exchange's public time endpoint.
// Touches no key and no user data; each check has a short timeout.
import "server-only";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { getRedis } from "@/lib/redis";

export type CheckResult = { ok: boolean; ms: number; error?: string } | { ok: null; skipped: string };

async function timed(fn: () => Promise<unknown>, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  try {
    await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref())]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, ms: Math.round(performance.now() - started), error: err instanceof Error ? err.message.split("\n")[0]!.slice(0, 200) : "failed" };
  }
}

export async function checkHealth() {
  const env = getEnv();
  const [database, redis, exchange] = await Promise.all([
    timed(() => db.$queryRaw`SELECT 1`, 2_000),
    env.REDIS_URL ? timed(() => getRedis().ping(), 1_000) : Promise.resolve<CheckResult>({ ok: null, skipped: "REDIS_URL not set (single instance, in-memory budget)" }),
    timed(async () => {
      const res = await fetch(`${env.EXCHANGE_BASE_URL.replace(/\/$/, "")}/time`, { signal: AbortSignal.timeout(3_000), cache: "no-store" });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
    }, 3_500),
  ]);
  const status = database.ok === false ? "down" : redis.ok === false || exchange.ok === false ? "degraded" : "ok";
  return { status, time: new Date().toISOString(), checks: { database, redis, exchange } };
}
