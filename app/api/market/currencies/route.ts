import { route } from "@/lib/http/route";
import { requireUser } from "@/lib/auth/session";
import { readMarketData } from "@/lib/proxy/read";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  const user = await requireUser();
  return readMarketData(user, "currencies", (client) => client.getCurrencies());
});
