// The scheduled job's read of one key: balances and tickers through the upstream gate at
// background priority (people browsing keep precedence), then a snapshot. The job acts as the
// key's owner: the owner's access rules apply (a stopped key is refused), and the owner's
// per-user budget pays for it.
import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/sessions/session";
import { requireKeyAccess } from "@/lib/keys/access";
import type { Balances } from "@/lib/exchange/schemas";
import { readKeyData } from "@/lib/reads/read";
import { egressKey, getGate } from "@/lib/limiter/instance";
import type { TickerLike } from "@/lib/money/valuation";
import { hourOf, recordSnapshot } from "@/lib/snapshots/store";

/** The market tickers at background priority (lib/reads/read's readMarketData is interactive). */
async function readTickersInBackground(userId: string): Promise<{ data: TickerLike[]; source: string }> {
  return getGate().fetch<TickerLike[]>({
    keyId: null,
    accountId: null,
    endpoint: "tickers",
    userId,
    egressIp: egressKey(),
    priority: "background",
    fetcher: (exchange) => exchange().getMarketTickers(),
  });
}

/** One key's snapshot for the job. "skipped" when the key cannot be read now (stopped, no Read, stale). */
export async function takeSnapshot(keyId: string, signal?: AbortSignal): Promise<"stored" | "exists" | "skipped"> {
  const key = await db.apiKey.findUnique({
    where: { id: keyId },
    select: { ownerId: true, owner: { select: { email: true, name: true } } },
  });
  if (!key) return "skipped";
  // A read already recorded this hour: no upstream call for nothing.
  const hour = hourOf(new Date());
  if (await db.keySnapshot.findFirst({ where: { keyId, hour }, select: { id: true } })) return "exists";
  const owner: CurrentUser = { id: key.ownerId, email: key.owner.email, name: key.owner.name, sessionId: "job" };
  const access = await requireKeyAccess(owner, keyId, "read");
  if (!access.scopes.includes("READ_ONLY")) return "skipped";
  const balances = await readKeyData<Balances>(owner, keyId, "balances", {}, (c, k) => c.getBalances(k), {
    priority: "background",
    raw: true,
    access,
    signal,
  });
  const tickers = await readTickersInBackground(owner.id);
  if (balances.source === "stale" || tickers.source === "stale") return "skipped";
  const stored = await recordSnapshot(keyId, balances.data.balances, tickers.data, new Date(balances.fetchedAt), "job");
  return stored ? "stored" : "exists";
}
