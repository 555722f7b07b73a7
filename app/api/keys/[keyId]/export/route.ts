// GET /api/keys/:keyId/export?kind=orders|trades&from&to[&instrument&status&side]: a CSV file,
// streamed page by page (lib/export/run.ts).
import { route, parseQuery } from "@/lib/http/route";
import { requireUser } from "@/lib/sessions/session";
import { parseKeyId } from "@/lib/keys/access";
import { exportQuerySchema, startExport } from "@/lib/export/run";

export const dynamic = "force-dynamic";

export const GET = route<{ keyId: string }>(async ({ req, params, requestId }) => {
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
});
