// A key's snapshots as CSV, streamed like the other exports (lib/export): pull-based, one page
// of stored snapshots (keyset by time) per pull, so memory stays at one page however long the
// history; a cancelled download stops reading. Authorized like the other exports ("export":
// the owner, or a member whose share allows exports, which hidden amounts never do).
import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/sessions/session";
import { requireKeyAccess } from "@/lib/keys/access";
import { recordAudit } from "@/lib/audit/record";
import { csvLine } from "@/lib/export/csv";
import type { SnapshotRow } from "@/lib/snapshots/store";

export const SNAPSHOT_COLUMNS = ["time", "total_eur", "currency", "amount", "price_eur", "value_eur"] as const;
const PAGE = 500;

export async function startSnapshotExport(
  user: CurrentUser,
  keyId: string,
  ctx: { signal?: AbortSignal; requestId?: string; pageSize?: number } = {},
): Promise<{ stream: ReadableStream<Uint8Array>; filename: string }> {
  const key = await requireKeyAccess(user, keyId, "export");
  const encoder = new TextEncoder();
  const pageSize = ctx.pageSize ?? PAGE;
  let after: { at: Date; id: string } | null = null;
  let header = true;
  let rows = 0;
  let done = false;
  const finish = (cancelled: boolean, error?: unknown) => {
    if (done) return;
    done = true;
    void recordAudit({
      actorId: user.id,
      action: "export.run",
      outcome: error ? "failure" : "success",
      keyRef: key.id,
      keyLabel: key.label,
      requestId: ctx.requestId,
      detail: { kind: "snapshots", rows, cancelled },
    });
  };
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (ctx.signal?.aborted) {
          finish(true);
          controller.close();
          return;
        }
        let out = header ? csvLine(SNAPSHOT_COLUMNS) : "";
        header = false;
        const page = await db.keySnapshot.findMany({
          where: {
            keyId: key.id,
            ...(after ? { OR: [{ at: { gt: after.at } }, { at: after.at, id: { gt: after.id } }] } : {}),
          },
          orderBy: [{ at: "asc" }, { id: "asc" }],
          take: pageSize,
          select: { id: true, at: true, totalEur: true, rows: true },
        });
        for (const s of page) {
          const time = s.at.toISOString();
          for (const r of s.rows as unknown as SnapshotRow[]) {
            out += csvLine([time, s.totalEur, r.currency, r.amount, r.priceEur, r.valueEur]);
            rows++;
          }
        }
        if (out) controller.enqueue(encoder.encode(out));
        const last = page[page.length - 1];
        if (!last || page.length < pageSize) {
          finish(false);
          controller.close();
        } else after = { at: last.at, id: last.id };
      } catch (err) {
        finish(false, err);
        controller.error(err);
      }
    },
    cancel() {
      finish(true);
    },
  });
  const name =
    key.label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || key.id;
  return { stream, filename: `keydesk-snapshots-${name}.csv` };
}
