// "Check again": one read call with the stored key, through the upstream gate (a key check:
// budgeted, and the key's state on every instance follows the answer), and the key's status
// updated from the answer (active / revoked / IP blocked / invalid). Audited.
import "server-only";
import type { CurrentUser } from "@/lib/sessions/session";
import { recordAudit } from "@/lib/audit/record";
import { getKeyRowForOwner } from "@/lib/keys/queries";
import { KEY_STOPPED } from "@/lib/keys/refusal-texts";
import { AppError } from "@/lib/errors";
import { BudgetExceededError } from "@/lib/limiter";
import { appErrorFromRefusal } from "@/lib/limiter/refusal";
import { ExchangeError } from "@/lib/exchange/errors";
import { noteKeyCheck } from "@/lib/keys/status";
import { checkKeyThroughGate } from "@/lib/keys/gate-check";

export async function recheckKeyForOwner(user: CurrentUser, keyRowId: string): Promise<void> {
  const row = await getKeyRowForOwner(user, keyRowId);
  // A stopped key comes back only through Replace.
  if (row.status === "stopped") throw new AppError("forbidden", KEY_STOPPED, { reason: "KEY_STOPPED" });
  if (!row.scopes.includes("READ_ONLY")) {
    await noteKeyCheck(row.id, null);
    return;
  }
  try {
    await checkKeyThroughGate({ stored: row }, user.id);
    await noteKeyCheck(row.id, "ok");
    await recordAudit({
      actorId: user.id,
      action: "key.check",
      outcome: "success",
      keyRef: row.id,
      keyLabel: row.label,
    });
  } catch (err) {
    if (err instanceof BudgetExceededError) throw await appErrorFromRefusal(err);
    if (!(err instanceof ExchangeError)) throw err;
    await noteKeyCheck(row.id, err);
    await recordAudit({
      actorId: user.id,
      action: "key.check",
      outcome: "failure",
      keyRef: row.id,
      keyLabel: row.label,
      detail: { code: err.code },
    });
  }
}
