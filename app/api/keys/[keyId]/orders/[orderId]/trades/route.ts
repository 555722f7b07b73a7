import { route } from "@/lib/http/route";
import { requireUser } from "@/lib/auth/session";
import { readKeyData } from "@/lib/proxy/read";
import { parseKeyId, parseOrderId } from "@/lib/proxy/params";

export const dynamic = "force-dynamic";

export const GET = route<{ keyId: string; orderId: string }>(async ({ params }) => {
  const user = await requireUser();
  const keyId = parseKeyId(params.keyId);
  const orderId = parseOrderId(params.orderId);
  return readKeyData(user, keyId, "order-trades", { orderId }, (client, key) => client.getOrderTrades(key, orderId, { max_page_size: 100 }));
});
