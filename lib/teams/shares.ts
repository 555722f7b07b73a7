// Sharing a key with a team. Only keys whose scopes are exactly Read may be shared: checked
// from the stored (decoded) scopes and again live at the exchange. Unsharing is immediate.
import { teamsEn } from "@/lib/i18n/messages/teams-en";
import "server-only";
import { alertShareRemoved } from "@/lib/alerts/hooks";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { CurrentUser } from "@/lib/sessions/session";
import { recordAudit } from "@/lib/audit/record";
import { getKeyRowForOwner } from "@/lib/keys/queries";
import { BudgetExceededError } from "@/lib/limiter";
import { checkKeyThroughGate } from "@/lib/keys/gate-check";
import { appErrorFromRefusal } from "@/lib/limiter/refusal";
import { ExchangeError } from "@/lib/exchange/errors";
import { messageForExchangeError } from "@/lib/keys/status";
import { requireTeamAccess } from "./access";

/** English; the key page shows t("teamErr.shareRefusal") in the reader's language. */
export const SHARE_REFUSAL = teamsEn["teamErr.shareRefusal"];

export function isShareable(scopes: readonly string[]): boolean {
  return scopes.length === 1 && scopes[0] === "READ_ONLY";
}

export async function shareKey(
  user: CurrentUser,
  input: { keyId: string; teamId: string; hideAmounts: boolean; allowExport: boolean },
): Promise<void> {
  const key = await getKeyRowForOwner(user, input.keyId);
  const team = await requireTeamAccess(user, input.teamId, "manage");
  if (!isShareable(key.scopes)) {
    await recordAudit({
      actorId: user.id,
      action: "key.share",
      outcome: "denied",
      keyRef: key.id,
      keyLabel: key.label,
      teamId: team.teamId,
      detail: { scopes: key.scopes },
    });
    throw new AppError("unprocessable", "teamErr.shareRefusal", { reason: "NOT_READ_ONLY" });
  }
  // Live: the key must still work, and still be Read-only as far as the exchange will tell us:
  // a read succeeds; the claims can't change without a new key (new jti), so scopes stand.
  // Through the upstream gate, as a key check.
  try {
    await checkKeyThroughGate({ stored: key }, user.id);
  } catch (err) {
    if (err instanceof BudgetExceededError) throw await appErrorFromRefusal(err);
    if (err instanceof ExchangeError)
      throw new AppError("unprocessable", "teamErr.exchangeRefused", {
        values: { reason: await messageForExchangeError(err) },
        reason: err.code,
      });
    throw err;
  }
  await db.keyShare.upsert({
    where: { keyId_teamId: { keyId: key.id, teamId: team.teamId } },
    create: {
      keyId: key.id,
      teamId: team.teamId,
      hideAmounts: input.hideAmounts,
      allowExport: input.allowExport,
      createdById: user.id,
    },
    update: { hideAmounts: input.hideAmounts, allowExport: input.allowExport },
  });
  await recordAudit({
    actorId: user.id,
    action: "key.shared",
    outcome: "success",
    keyRef: key.id,
    keyLabel: key.label,
    teamId: team.teamId,
    detail: { hideAmounts: input.hideAmounts, allowExport: input.allowExport },
  });
}

/** The key's owner, or an admin of the team, may unshare. Effective on the next request. */
export async function unshareKey(user: CurrentUser, keyId: string, teamId: string): Promise<void> {
  const share = await db.keyShare.findUnique({
    where: { keyId_teamId: { keyId, teamId } },
    select: { id: true, key: { select: { ownerId: true, label: true } } },
  });
  if (!share) throw new AppError("not_found", "teamErr.notShared");
  if (share.key.ownerId !== user.id) await requireTeamAccess(user, teamId, "manage");
  await db.keyShare.delete({ where: { id: share.id } });
  await recordAudit({
    actorId: user.id,
    action: "key.unshared",
    outcome: "success",
    keyRef: keyId,
    keyLabel: share.key.label,
    teamId,
  });
  await alertShareRemoved(keyId, share.key.label, share.key.ownerId, teamId);
}
