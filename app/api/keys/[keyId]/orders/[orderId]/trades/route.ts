import { route } from "@/lib/http/route";
import { requireUserAndKeyAccess } from "@/lib/auth/key-access";
import { readKeyData } from "@/lib/proxy/read";
import { parseOrderId } from "@/lib/proxy/params";

export const dynamic = "force-dynamic";

export const GET = route<{ keyId: string; orderId: string }>(async ({ params }) => {
  const { user, key } = await requireUserAndKeyAccess(params.keyId, "read");
  const orderId = parseOrderId(params.orderId);
  return readKeyData(user, key.id, "order-trades", { orderId }, (client, secret) => client.getOrderTrades(secret, orderId, { max_page_size: 100 }), { access: key });
});
