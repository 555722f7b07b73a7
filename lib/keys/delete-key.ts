// Deleting a key removes its row, ciphertext included (no soft delete), after the owner
// typed its label and stepped up. The key itself still exists at the exchange.
import "server-only";
import { db } from "@/lib/db";
import { authTranslator } from "@/lib/i18n/server";
import type { CurrentUser } from "@/lib/sessions/session";
import { recordAudit } from "@/lib/audit/record";
import { getKeyRowForOwner } from "@/lib/keys/queries";
import { getGate } from "@/lib/limiter/instance";

export type DeleteKeyResult = { ok: true; label: string } | { ok: false; message: string };

export async function deleteKeyForOwner(
  user: CurrentUser,
  keyRowId: string,
  confirmLabel: string,
): Promise<DeleteKeyResult> {
  const row = await getKeyRowForOwner(user, keyRowId);
  if (confirmLabel.trim() !== row.label) {
    return { ok: false, message: (await authTranslator())("error.keyDeleteConfirm", { label: row.label }) };
  }
  await db.apiKey.delete({ where: { id: row.id } });
  // Whatever the proxy cached with this key goes with it, in Redis and in every instance's
  // memory. Only this key's entries: a key's claimed account id names nothing it may purge.
  await getGate().keys.purge(row.id);
  await recordAudit({
    actorId: user.id,
    action: "key.delete",
    outcome: "success",
    keyRef: row.id,
    keyLabel: row.label,
  });
  return { ok: true, label: row.label };
}
