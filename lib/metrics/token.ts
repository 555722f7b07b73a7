// Who may read /metrics: only a caller presenting KEYDESK_METRICS_TOKEN as a bearer token,
// compared in constant time (both sides hashed first, so neither length nor content leaks).
import { createHash, timingSafeEqual } from "node:crypto";

type MetricsAccess = "off" | "refused" | "allowed";

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

export function metricsAccess(token: string | undefined, authorization: string | null): MetricsAccess {
  if (!token) return "off";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) return "refused";
  return timingSafeEqual(digest(match[1]!), digest(token)) ? "allowed" : "refused";
}
