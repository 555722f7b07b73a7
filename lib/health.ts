// Health: the database, Redis (when configured) and the exchange's public time endpoint.
// Touches no key and no user data; each check has a short timeout. The exchange is never
// called per request: at most one probe per instance per PROBE_MS, through the upstream gate
// (it counts on the IP budget like any call), its result remembered and shared by every
// caller meanwhile. Anonymous callers get ok/degraded per dependency only; the detail (timings,
// error text) goes to the log, and to an operator presenting KEYDESK_HEALTH_TOKEN.
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { getRedis } from "@/lib/redis";
import { logger } from "@/lib/log";
import { egressKey, getGate } from "@/lib/limiter/instance";

export type CheckResult =
  { ok: boolean; ms: number; error?: string; checkedAt?: string } | { ok: null; skipped: string };
export type HealthStatus = "ok" | "degraded" | "down";
export interface HealthDetail {
  status: HealthStatus;
  time: string;
  checks: { database: CheckResult; redis: CheckResult; exchange: CheckResult };
}
export interface HealthSummary {
  status: HealthStatus;
  time: string;
  checks: Partial<Record<"database" | "redis" | "exchange", "ok" | "degraded">>;
}

export const PROBE_MS = 30_000;

async function timed(fn: () => Promise<unknown>, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref(),
      ),
    ]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (err) {
    return {
      ok: false,
      ms: Math.round(performance.now() - started),
      error: err instanceof Error ? err.message.split("\n")[0]!.slice(0, 200) : "failed",
    };
  }
}

const globalForProbe = globalThis as unknown as { keydeskHealthProbe?: { at: number; result: Promise<CheckResult> } };

/** The remembered exchange probe; a new one (through the gate) only when the last is PROBE_MS old. */
export function probeExchange(now = Date.now()): Promise<CheckResult> {
  const last = globalForProbe.keydeskHealthProbe;
  if (last && now - last.at < PROBE_MS) return last.result;
  const checkedAt = new Date(now).toISOString();
  const result = timed(
    () =>
      getGate().call({
        purpose: "health",
        keyId: null,
        accountId: null,
        userId: null,
        egressIp: egressKey(),
        priority: "background",
        maxWaitMs: 1_000,
        fn: (exchange) => exchange().getTime(),
      }),
    3_500,
  ).then((r) => ({ ...r, checkedAt }));
  globalForProbe.keydeskHealthProbe = { at: now, result };
  void result.then((r) => {
    if (r.ok === false) logger.warn({ check: "exchange", error: r.error, ms: r.ms }, "health: exchange probe failed");
  });
  return result;
}

export async function checkHealth(): Promise<HealthDetail> {
  const env = getEnv();
  const [database, redis, exchange] = await Promise.all([
    timed(() => db.$queryRaw`SELECT 1`, 2_000),
    env.REDIS_URL
      ? timed(() => getRedis().ping(), 1_000)
      : Promise.resolve<CheckResult>({ ok: null, skipped: "REDIS_URL not set (single instance, in-memory budget)" }),
    probeExchange(),
  ]);
  const status: HealthStatus =
    database.ok === false ? "down" : redis.ok === false || exchange.ok === false ? "degraded" : "ok";
  if (database.ok === false)
    logger.error({ check: "database", error: database.error, ms: database.ms }, "health: database check failed");
  if (redis.ok === false)
    logger.warn({ check: "redis", error: redis.error, ms: redis.ms }, "health: Redis check failed");
  return { status, time: new Date().toISOString(), checks: { database, redis, exchange } };
}

/** What anyone may see: ok or degraded per dependency (Redis only when configured). No error text, no host names. */
export function summarizeHealth(h: HealthDetail): HealthSummary {
  const word = (c: CheckResult) => (c.ok === false ? "degraded" : "ok");
  const checks: HealthSummary["checks"] = { database: word(h.checks.database), exchange: word(h.checks.exchange) };
  if (h.checks.redis.ok !== null) checks.redis = word(h.checks.redis);
  return { status: h.status, time: h.time, checks };
}

/** True when the request presents the operator token (compared in constant time). */
export function presentsHealthToken(authorization: string | null): boolean {
  const token = getEnv().KEYDESK_HEALTH_TOKEN;
  if (!token || !authorization?.startsWith("Bearer ")) return false;
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(authorization.slice(7).trim()), digest(token));
}
