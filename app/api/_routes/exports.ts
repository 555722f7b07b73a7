// The CSV downloads, streamed (their answers are Responses of their own): a key's orders or
// trades (lib/export/run.ts), its snapshot history (lib/portfolio/export.ts), the activity log.
import { parseQuery, type RouteHandler } from "@/lib/http/route";
import { requireUser } from "@/lib/sessions/session";
import { parseKeyId } from "@/lib/keys/access";
import { exportQuerySchema, startExport } from "@/lib/export/run";
import { startSnapshotExport } from "@/lib/portfolio/export";
import { activityQuerySchema, allActivity } from "@/lib/audit/query";
import { csvLine } from "@/lib/export/csv";

/** ?kind=orders|trades&from&to[&instrument&status&side]: page by page from the exchange. */
export const keyExport: RouteHandler<{ keyId: string }> = async ({ req, params, requestId }) => {
  const user = await requireUser();
  const keyId = parseKeyId(params.keyId);
  const q = parseQuery(exportQuerySchema, req.url);
  const { stream, filename } = await startExport(user, keyId, q, { signal: req.signal, requestId });
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-export-from": q.from,
      "x-export-to": q.to,
      "x-request-id": requestId,
    },
  });
};

/** The key's snapshot history, streamed from the database, authorized like the other exports. */
export const historyExport: RouteHandler<{ keyId: string }> = async ({ req, params, requestId }) => {
  const user = await requireUser();
  const keyId = parseKeyId(params.keyId);
  const { stream, filename } = await startSnapshotExport(user, keyId, { signal: req.signal, requestId });
  return new Response(stream, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-request-id": requestId,
    },
  });
};

/** ?group&key&team&from&to: the activity log the user may see. */
export const activityExport: RouteHandler<unknown> = async ({ req, requestId }) => {
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
};
