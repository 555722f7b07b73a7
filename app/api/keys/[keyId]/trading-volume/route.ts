import { route } from "@/lib/http/route";
import { requireUserAndKeyAccess } from "@/lib/keys/access";
import { readTradingVolume } from "@/lib/reads/endpoints";
import { wantsRefresh } from "@/lib/reads/params";

export const dynamic = "force-dynamic";

export const GET = route<{ keyId: string }>(async ({ req, params }) => {
  const { user, key } = await requireUserAndKeyAccess(params.keyId, "read");
  return readTradingVolume(user, key.id, { refresh: wantsRefresh(req.url), access: key });
});
