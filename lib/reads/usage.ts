// The upstream budget as this user may see it: the egress IP, their accounts, their own share.
// One read for the /api/usage route and the key page's server-rendered meter.
import "server-only";
import type { CurrentUser } from "@/lib/sessions/session";
import { listKeysForUser } from "@/lib/keys/queries";
import { usageReport } from "@/lib/limiter/usage-report";
import { egressKey, getGate } from "@/lib/limiter/instance";

export async function readUsage(user: CurrentUser) {
  // Only accounts the exchange has accepted one of these keys for: a key's claimed account
  // id alone proves nothing, and must not show another account's budget or cool-down.
  const accounts = [...new Set((await listKeysForUser(user)).filter((k) => k.lastSuccessAt).map((k) => k.accountId))];
  return usageReport(getGate(), egressKey(), accounts, user.id);
}

export type Usage = Awaited<ReturnType<typeof readUsage>>;
