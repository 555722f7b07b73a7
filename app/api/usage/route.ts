import { route } from "@/lib/http/route";
import { requireUser } from "@/lib/auth/session";
import { listKeysForUser } from "@/lib/keys/queries";
import { egressKey, getGate } from "@/lib/limiter/instance";

export const dynamic = "force-dynamic";

/** The upstream budget as this user may see it: the egress IP, their accounts, their own share. */
export const GET = route(async () => {
  const user = await requireUser();
  const accounts = [...new Set((await listKeysForUser(user)).map((k) => k.accountId))];
  return getGate().usage(egressKey(), accounts, user.id);
});
