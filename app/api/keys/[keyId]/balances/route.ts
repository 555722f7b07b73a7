import { route } from "@/lib/http/route";
import { requireUserAndKeyAccess } from "@/lib/auth/key-access";
import { readKeyData } from "@/lib/proxy/read";
import { wantsRefresh } from "@/lib/proxy/params";

export const dynamic = "force-dynamic";

export const GET = route<{ keyId: string }>(async ({ req, params }) => {
  const { user, key } = await requireUserAndKeyAccess(params.keyId, "read");
  return readKeyData(user, key.id, "balances", {}, (client, secret) => client.getBalances(secret), { refresh: wantsRefresh(req.url), access: key });
});
