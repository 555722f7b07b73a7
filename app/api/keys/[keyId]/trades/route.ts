import { route, parseQuery } from "@/lib/http/route";
import { requireUser } from "@/lib/auth/session";
import { historyQuerySchema, listTradesPage } from "@/lib/proxy/history";
import { parseKeyId, wantsRefresh } from "@/lib/proxy/params";

export const dynamic = "force-dynamic";

export const GET = route<{ keyId: string }>(async ({ req, params }) => {
  const user = await requireUser();
  const keyId = parseKeyId(params.keyId);
  const q = parseQuery(historyQuerySchema, req.url);
  return listTradesPage(user, keyId, q, { refresh: wantsRefresh(req.url) });
});
