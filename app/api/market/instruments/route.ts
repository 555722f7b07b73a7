import { route } from "@/lib/http/route";
import { requireUser } from "@/lib/sessions/session";
import { readMarketEndpoint } from "@/lib/reads/endpoints";

export const dynamic = "force-dynamic";

export const GET = route(async () => {
  const user = await requireUser();
  return readMarketEndpoint(user, "instruments");
});
