import { route } from "@/lib/http/route";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { metrics } from "@/lib/metrics/registry";
import { metricsAccess } from "@/lib/metrics/token";
import { refreshSharedGauges } from "@/lib/limiter/shared-gauges";

export const dynamic = "force-dynamic";

/**
 * GET /metrics: this instance's Prometheus metrics (the shared budget and queue gauges read at
 * scrape time). Only with KEYDESK_METRICS_TOKEN as a bearer token; unset, the address does not
 * exist (404), and a missing or wrong token is a 401 that says nothing more.
 */
export const GET = route(async ({ req, requestId }) => {
  const access = metricsAccess(getEnv().KEYDESK_METRICS_TOKEN, req.headers.get("authorization"));
  if (access === "off") throw new AppError("not_found", "error.metricsOff");
  if (access === "refused") {
    return new Response("Unauthorized\n", {
      status: 401,
      headers: {
        "www-authenticate": 'Bearer realm="metrics"',
        "content-type": "text/plain; charset=utf-8",
        "cache-control": "no-store",
        "x-request-id": requestId,
      },
    });
  }
  await refreshSharedGauges();
  const { registry } = metrics();
  return new Response(await registry.metrics(), {
    headers: { "content-type": registry.contentType, "cache-control": "no-store", "x-request-id": requestId },
  });
});
