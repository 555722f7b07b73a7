// This server's egress IP as the exchange sees it: the KEYDESK_EGRESS_IP setting, or in the
// demo the address the simulator reports for us. Unknown is reported honestly as unknown.
import "server-only";
import { getEnv } from "@/lib/env";
import { isIpAllowed } from "@/lib/exchange/claims";

/** Whether the key's IP allow-list lets this server through (the key's page shows it). */
export type EgressVerdict = { state: "unrestricted" | "allowed" | "blocked" | "unknown"; ip: string | null };

let cached: { ip: string | null; at: number } | undefined;
const CACHE_MS = 5 * 60_000;

export async function getEgressIp(): Promise<string | null> {
  const env = getEnv();
  if (env.KEYDESK_EGRESS_IP) return env.KEYDESK_EGRESS_IP;
  if (!env.SIMULATOR_CONTROL_URL) return null;
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.ip;
  let ip: string | null = null;
  try {
    const res = await fetch(`${env.SIMULATOR_CONTROL_URL}/whoami`, { signal: AbortSignal.timeout(1_000) });
    if (res.ok) {
      const body = (await res.json()) as { ip?: unknown };
      ip = typeof body.ip === "string" ? body.ip : null;
    }
  } catch {
    ip = null;
  }
  cached = { ip, at: Date.now() };
  return ip;
}

export async function egressVerdictFor(ips: string[]): Promise<EgressVerdict> {
  const ip = await getEgressIp();
  const state = isIpAllowed(ips, ip);
  return { state, ip };
}
