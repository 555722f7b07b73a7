import { route } from "@/lib/http/route";
import { requireUser } from "@/lib/auth/session";
import { readKeyData } from "@/lib/proxy/read";
import { parseKeyId, wantsRefresh } from "@/lib/proxy/params";

export const dynamic = "force-dynamic";

export const GET = route<{ keyId: string }>(async ({ req, params }) => {
  const user = await requireUser();
  const keyId = parseKeyId(params.keyId);
  return readKeyData(user, keyId, "balances", {}, (client, key) => client.getBalances(key), { refresh: wantsRefresh(req.url) });
});
