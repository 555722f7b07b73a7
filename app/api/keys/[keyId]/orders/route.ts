import { route, parseQuery } from "@/lib/http/route";
import { requireUserAndKeyAccess } from "@/lib/keys/access";
import { historyQuerySchema, listOrdersPage } from "@/lib/reads/history";
import { wantsRefresh } from "@/lib/reads/params";
import { toOrderList } from "@/lib/reads/order-list";

export const dynamic = "force-dynamic";

export const GET = route<{ keyId: string }>(async ({ req, params }) => {
  const { user, key } = await requireUserAndKeyAccess(params.keyId, "read");
  const q = parseQuery(historyQuerySchema, req.url);
  return toOrderList(await listOrdersPage(user, key.id, q, { refresh: wantsRefresh(req.url), access: key }));
});
