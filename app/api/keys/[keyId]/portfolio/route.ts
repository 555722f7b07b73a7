import { route } from "@/lib/http/route";
import { requireUser } from "@/lib/auth/session";
import { readPortfolio } from "@/lib/proxy/portfolio";
import { parseKeyId, wantsRefresh } from "@/lib/proxy/params";

export const dynamic = "force-dynamic";

/** Balances valued in EUR (exact), with the freshness of the older source. */
export const GET = route<{ keyId: string }>(async ({ req, params }) => {
  const user = await requireUser();
  const keyId = parseKeyId(params.keyId);
  return readPortfolio(user, keyId, { refresh: wantsRefresh(req.url) });
});
