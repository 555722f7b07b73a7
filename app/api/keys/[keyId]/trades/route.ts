import { route, parseQuery } from "@/lib/http/route";
import { requireUserAndKeyAccess } from "@/lib/keys/access";
import { historyQuerySchema, listTradesPage } from "@/lib/reads/history";
import { wantsRefresh } from "@/lib/reads/params";

export const dynamic = "force-dynamic";

export const GET = route<{ keyId: string }>(async ({ req, params }) => {
  const { user, key } = await requireUserAndKeyAccess(params.keyId, "read");
  const q = parseQuery(historyQuerySchema, req.url);
  return listTradesPage(user, key.id, q, { refresh: wantsRefresh(req.url), access: key });
});
