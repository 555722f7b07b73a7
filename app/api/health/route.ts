import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { checkHealth, presentsHealthToken, summarizeHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

/**
 * GET /api/health: 200 when the database answers (degraded parts are reported), 503 when it
 * doesn't. Anyone gets ok/degraded per dependency; an operator with KEYDESK_HEALTH_TOKEN
 * (Authorization: Bearer …) gets timings and error text. The exchange is probed at most once
 * per instance per 30 s, through the upstream gate.
 */
export const GET = route(async ({ req, requestId }) => {
  const health = await checkHealth();
  const body = presentsHealthToken(req.headers.get("authorization")) ? health : summarizeHealth(health);
  return NextResponse.json(body, {
    status: health.status === "down" ? 503 : 200,
    headers: { "cache-control": "no-store", "x-request-id": requestId },
  });
});
