import { requestLocale, route } from "@/lib/http/route";
import { requireUserAndKeyAccess } from "@/lib/keys/access";
import { readValuation } from "@/lib/reads/valuation";
import { wantsRefresh } from "@/lib/reads/params";

export const dynamic = "force-dynamic";

/** Balances valued in EUR (exact), with the freshness of the older source. */
export const GET = route<{ keyId: string }>(async ({ req, params }) => {
  const { user, key } = await requireUserAndKeyAccess(params.keyId, "read");
  return readValuation(user, key.id, { refresh: wantsRefresh(req.url), access: key, locale: requestLocale(req) });
});
