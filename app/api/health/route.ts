import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

/** GET /api/health: 200 when the database answers (degraded parts are reported), 503 when it doesn't. */
export const GET = route(async ({ requestId }) => {
  const health = await checkHealth();
  return NextResponse.json(health, { status: health.status === "down" ? 503 : 200, headers: { "cache-control": "no-store", "x-request-id": requestId } });
});
