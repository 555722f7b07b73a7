// GET /api/activity/export?group&key&team&from&to: the activity log the user may see, as CSV.
import { route } from "@/lib/http/route";
import { requireUser } from "@/lib/sessions/session";
import { activityQuerySchema, allActivity } from "@/lib/audit/query";
import { csvLine } from "@/lib/export/csv";

export const dynamic = "force-dynamic";

export const GET = route(async ({ req, requestId }) => {
  const user = await requireUser();
  const q = activityQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  const events = allActivity(user, { ...q, before: undefined });
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(
        encoder.encode(
          csvLine(["time", "actor", "action", "outcome", "key_id", "key_label", "team_id", "detail", "request_id"]),
        ),
      );
    },
    async pull(controller) {
      const next = await events.next();
      if (next.done) return controller.close();
      const e = next.value;
      controller.enqueue(
        encoder.encode(
          csvLine([
            e.at.toISOString(),
            e.actor?.email ?? "",
            e.action,
            e.outcome,
            e.keyRef ?? "",
            e.keyLabel ?? "",
            e.teamId ?? "",
            e.detail ? JSON.stringify(e.detail) : "",
            e.requestId ?? "",
          ]),
        ),
      );
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="keydesk-activity-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
      "x-request-id": requestId,
    },
  });
});
