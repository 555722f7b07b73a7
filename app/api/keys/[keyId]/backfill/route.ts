// GET /api/keys/:keyId/backfill: the key's history backfill progress (state, days done / total)
// and the range of rebuilt, approximate values. No amounts, no exchange call.
import { route } from "@/lib/http/route";
import { requireUserAndKeyAccess } from "@/lib/keys/access";
import { readBackfillStatus } from "@/lib/snapshots/backfill-state";

export const dynamic = "force-dynamic";

export const GET = route<{ keyId: string }>(async ({ params }) => {
  const { key } = await requireUserAndKeyAccess(params.keyId, "read");
  return readBackfillStatus(key.id);
});
