import { route } from "@/lib/http/route";
import { requireUserAndKeyAccess } from "@/lib/keys/access";
import { readKeyEndpoint } from "@/lib/reads/endpoints";
import { wantsRefresh } from "@/lib/reads/params";

export const dynamic = "force-dynamic";

export const GET = route<{ keyId: string }>(async ({ req, params }) => {
  const { user, key } = await requireUserAndKeyAccess(params.keyId, "read");
  return readKeyEndpoint(
    user,
    key.id,
    "fees",
    {},
    {
      refresh: wantsRefresh(req.url),
      access: key,
    },
  );
});
