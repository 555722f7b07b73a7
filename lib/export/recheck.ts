// A long export keeps its right to run: every EXPORT_RECHECK_EVERY_PAGES pages the session is
// read again (signed out or revoked ends it) and the key's export access too (a share removed,
// export no longer allowed, the key deleted). A failed check errors the stream, so the browser
// marks the download as failed instead of saving a file that looks complete.
import "server-only";
import type { CurrentUser } from "@/lib/sessions/session";
import { loadSession } from "@/lib/sessions/session-check";
import { requireKeyAccess } from "@/lib/keys/access";
import { AppError } from "@/lib/errors";

/** Well under the 100 pages the rule allows: one small query per 20 upstream pages. */
export const EXPORT_RECHECK_EVERY_PAGES = 20;

export async function recheckExport(user: CurrentUser, keyId: string): Promise<void> {
  const live = await loadSession(user.sessionId, user.id);
  if (!live) throw new AppError("unauthorized", "auth.exportSessionEnded");
  try {
    await requireKeyAccess(user, keyId, "export");
  } catch (err) {
    if (err instanceof AppError && (err.code === "not_found" || err.code === "forbidden"))
      throw new AppError(err.code, "auth.exportAccessEnded");
    throw err;
  }
}
