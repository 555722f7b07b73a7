import { route } from "@/lib/http/route";
import { requireUser } from "@/lib/sessions/session";
import { readUsage } from "@/lib/reads/usage";

export const dynamic = "force-dynamic";

/** The upstream budget as this user may see it: the egress IP, their accounts, their own share. */
export const GET = route(async () => readUsage(await requireUser()));
