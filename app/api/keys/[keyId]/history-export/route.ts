// GET /api/keys/:keyId/history-export: the key's snapshot history as CSV, streamed from the
// database (lib/portfolio/export.ts), authorized like the other exports.
import { route } from "@/lib/http/route";
import { requireUser } from "@/lib/sessions/session";
import { parseKeyId } from "@/lib/keys/access";
import { startSnapshotExport } from "@/lib/portfolio/export";

export const dynamic = "force-dynamic";

export const GET = route<{ keyId: string }>(async ({ req, params, requestId }) => {
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
});
