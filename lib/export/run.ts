// Streamed CSV export of a key's orders or trades over a required date range.
// The first page is fetched before the stream is returned, so authentication, permission and
// rate-limit errors still come back as JSON errors through the route wrapper; later pages are
// fetched as the download is read (see ./stream.ts) with background priority, so the budget
// keeps precedence for people browsing pages.
import "server-only";
import { z } from "zod";
import type { CurrentUser } from "@/lib/auth/session";
import { requireKeyAccess } from "@/lib/auth/key-access";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { logger } from "@/lib/log";
import { historyQuerySchema, listOrdersPage, listTradesPage, type HistoryPage, type HistoryQuery } from "@/lib/proxy/history";
import type { ReadOptions } from "@/lib/proxy/read";
import { exportCsvStream, type ExportItem, type ExportKind } from "./stream";

const EXPORT_PAGE_SIZE = 100;
const MAX_RANGE_YEARS = 3;

function addUtcYears(iso: string, years: number): number {
  const d = new Date(iso);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.getTime();
}

export const exportQuerySchema = z.object({
  kind: z.enum(["orders", "trades"]),
  from: z.iso.datetime({ offset: false }),
  to: z.iso.datetime({ offset: false }),
  instrument: historyQuerySchema.shape.instrument,
  status: historyQuerySchema.shape.status,
  side: historyQuerySchema.shape.side,
})
  .refine((q) => Date.parse(q.from) <= Date.parse(q.to), { path: ["from"], message: "The start must be before the end." })
  .refine((q) => Date.parse(q.to) <= addUtcYears(q.from, MAX_RANGE_YEARS), { path: ["to"], message: `An export can cover at most ${MAX_RANGE_YEARS} years.` });

type Lister<K extends ExportKind> = (user: CurrentUser, keyRowId: string, q: HistoryQuery, opts?: ReadOptions) => Promise<HistoryPage<ExportItem<K>>>;

/** Lower-case ASCII, dashes between words, so it is safe inside a quoted filename. */
function filenamePart(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40).replace(/-+$/, "");
}

export type ExportQuery = z.infer<typeof exportQuerySchema>;

export async function startExport(user: CurrentUser, keyId: string, q: ExportQuery, ctx: { signal?: AbortSignal; requestId?: string } = {}): Promise<{ stream: ReadableStream<Uint8Array>; filename: string }> {
  const requestId = ctx.requestId;
  const key = await requireKeyAccess(user, keyId, "export");

  const base: HistoryQuery = { from: q.from, to: q.to, instrument: q.instrument, status: q.status, side: q.side, pageSize: EXPORT_PAGE_SIZE };
  // Cancelling the download (or the request) stops upstream calls, including one waiting for budget.
  const stop = new AbortController();
  ctx.signal?.addEventListener("abort", () => stop.abort(), { once: true });
  const readOpts: ReadOptions = { priority: "background", signal: stop.signal };

  const start = async <K extends ExportKind>(kind: K, list: Lister<K>) => {
    const load = async (cursor: string | undefined) => {
      const page = await list(user, keyId, { ...base, cursor }, readOpts);
      // A file for an accountant must be complete and current: a page the exchange could not
      // refresh (served stale from the cache) stops the export instead of going in silently.
      if (page.source === "stale") {
        throw new AppError("upstream_unavailable", "The exchange could not be read for part of this range, so the export stopped rather than give you an incomplete file. Try again in a minute.", { reason: page.staleReason ?? "stale", retryAfterSeconds: 60 });
      }
      return page;
    };
    // Throws before any byte is sent: the wrapper answers with a JSON error.
    let first: HistoryPage<ExportItem<K>> | null = await load(undefined);
    return exportCsvStream<K>({
      kind,
      signal: ctx.signal,
      fetchPage: async (cursor) => {
        if (cursor === undefined && first) {
          const page = first;
          first = null;
          return page;
        }
        return load(cursor);
      },
      onDone: (rows, pages, cancelled, error) => {
        stop.abort();
        if (error && !(error instanceof AppError)) logger.error({ err: error, requestId, keyRef: keyId }, "export stream failed");
        void recordAudit({
          actorId: user.id, action: "export.run", outcome: error ? "failure" : "success",
          keyRef: key.id, keyLabel: key.label, requestId,
          detail: {
            kind: q.kind, from: q.from, to: q.to, instrument: q.instrument ?? null, status: q.status,
            rows, pages, cancelled,
            ...(error ? { error: error instanceof AppError ? (error.reason ?? error.code) : "internal" } : {}),
          },
        });
      },
    });
  };

  const stream = q.kind === "orders" ? await start("orders", listOrdersPage) : await start("trades", listTradesPage);
  const name = filenamePart(key.label) || keyId;
  return { stream, filename: `keydesk-${q.kind}-${name}-${q.from.slice(0, 10)}-${q.to.slice(0, 10)}.csv` };
}
