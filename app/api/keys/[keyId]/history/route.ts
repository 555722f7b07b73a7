// GET /api/keys/:keyId/history?range=24h|7d|30d|1y|all: the key's value over time from stored
// snapshots (no exchange call). Hidden amounts: percentages only (lib/portfolio/key-series.ts).
import { route } from "@/lib/http/route";
import { requireUserAndKeyAccess } from "@/lib/keys/access";
import { readKeySeries } from "@/lib/portfolio/key-series";
import { parseRange } from "@/lib/portfolio/series";

export const dynamic = "force-dynamic";

export const GET = route<{ keyId: string }>(async ({ req, params }) => {
  const { key } = await requireUserAndKeyAccess(params.keyId, "read");
  return readKeySeries(key, parseRange(new URL(req.url).searchParams.get("range")));
});
