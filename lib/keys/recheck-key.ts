// "Check again": one read call with the stored key, and the key's status updated from
// the answer (active / revoked / IP blocked / invalid). Audited.
import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit/record";
import { getKeyRowForOwner } from "@/lib/keys/queries";
import { withKeyCredentials } from "@/lib/keys/credentials";
import { getExchangeClient } from "@/lib/exchange/instance";
import { ExchangeError } from "@/lib/exchange/errors";
import { messageForExchangeError, statusForExchangeError } from "@/lib/keys/live-check";

export async function recheckKeyForOwner(user: CurrentUser, keyRowId: string): Promise<void> {
  const row = await getKeyRowForOwner(user, keyRowId);
  const now = new Date();
  if (!row.scopes.includes("READ_ONLY")) {
    await db.apiKey.update({ where: { id: row.id }, data: { lastCheckedAt: now } });
    return;
  }
  try {
    await withKeyCredentials(row.id, (key) => getExchangeClient().getBalances(key));
    await db.apiKey.update({ where: { id: row.id }, data: { status: "active", statusDetail: null, lastCheckedAt: now, lastSuccessAt: now, lastUsedAt: now } });
    await recordAudit({ actorId: user.id, action: "key.check", outcome: "success", keyRef: row.id, keyLabel: row.label });
  } catch (err) {
    if (!(err instanceof ExchangeError)) throw err;
    const status = statusForExchangeError(err);
    const message = await messageForExchangeError(err);
    await db.apiKey.update({
      where: { id: row.id },
      data: { lastCheckedAt: now, lastUsedAt: now, ...(status ? { status, statusDetail: message } : { statusDetail: message }) },
    });
    await recordAudit({ actorId: user.id, action: "key.check", outcome: "failure", keyRef: row.id, keyLabel: row.label, detail: { code: err.code } });
  }
}
