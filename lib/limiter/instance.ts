// The process's upstream gate, configured from the validated settings.
import "server-only";
import { getEnv } from "@/lib/env";
import { getRedis } from "@/lib/redis";
import { logger } from "@/lib/log";
import { createUpstreamGate, type UpstreamGate } from "./index";

const globalForGate = globalThis as unknown as { keydeskGate?: UpstreamGate };

export function getGate(): UpstreamGate {
  if (!globalForGate.keydeskGate) {
    const env = getEnv();
    globalForGate.keydeskGate = createUpstreamGate({
      ipPerMinute: env.BUDGET_IP_PER_MINUTE,
      accountPerMinute: env.BUDGET_ACCOUNT_PER_MINUTE,
      userPerMinute: env.BUDGET_USER_PER_MINUTE,
      instanceCount: env.REDIS_URL ? env.KEYDESK_INSTANCE_COUNT : 1,
      redis: env.REDIS_URL ? getRedis() : null,
      logger,
    });
  }
  return globalForGate.keydeskGate;
}

/** The budget key for this deployment's egress IP (shared by all instances). */
export function egressKey(): string {
  return getEnv().KEYDESK_EGRESS_IP ?? "egress";
}
