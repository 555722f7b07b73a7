import { route, parseQuery } from "@/lib/http/route";
import { requireUserAndKeyAccess } from "@/lib/keys/access";
import { historyQuerySchema, listOrdersPage } from "@/lib/proxy/history";
import { wantsRefresh } from "@/lib/proxy/params";
import { toOrderList } from "@/lib/proxy/order-list";

export const dynamic = "force-dynamic";

export const GET = route<{ keyId: string }>(async ({ req, params }) => {
  const { user, key } = await requireUserAndKeyAccess(params.keyId, "read");
  const q = parseQuery(historyQuerySchema, req.url);
  return toOrderList(await listOrdersPage(user, key.id, q, { refresh: wantsRefresh(req.url), access: key }));
});
