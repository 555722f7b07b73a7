// GET /api/portfolio?range=…: the signed-in person's portfolio across every key they can see,
// from stored snapshots. Keys with hidden amounts contribute no amount (lib/portfolio/home.ts).
import { route } from "@/lib/http/route";
import { requireUser } from "@/lib/sessions/session";
import { readPortfolioHome } from "@/lib/portfolio/home";
import { parseRange } from "@/lib/portfolio/series";

export const dynamic = "force-dynamic";

export const GET = route(async ({ req }) => {
  const user = await requireUser();
  return readPortfolioHome(user, parseRange(new URL(req.url).searchParams.get("range")));
});
