import { route } from "@/lib/http/route";
import { requireUserAndKeyAccess } from "@/lib/keys/access";
import { readKeyEndpoint } from "@/lib/reads/endpoints";
import { parseOrderId } from "@/lib/reads/params";

export const dynamic = "force-dynamic";

export const GET = route<{ keyId: string; orderId: string }>(async ({ params }) => {
  const { user, key } = await requireUserAndKeyAccess(params.keyId, "read");
  const orderId = parseOrderId(params.orderId);
  return readKeyEndpoint(user, key.id, "order", { orderId }, { access: key });
});
