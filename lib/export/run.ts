// Streamed CSV export of a key's orders or trades over a required date range.
// The first page is fetched before the stream is returned, so authentication, permission and
// rate-limit errors still come back as JSON errors through the route wrapper; later pages are
// fetched as the download is read (see ./stream.ts) with background priority, so the budget
// keeps precedence for people browsing pages, one page ahead of the stream and patient with
// the budget's pacing (./read-ahead.ts).
import type { MessageKey } from "@/lib/i18n/messages";
import "server-only";
import { z } from "zod";
import type { CurrentUser } from "@/lib/sessions/session";
import { requireKeyAccess } from "@/lib/keys/access";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record";
import { logger } from "@/lib/log";
import {
  historyQuerySchema,
  listOrdersPage,
  listTradesPage,
  type HistoryPage,
  type HistoryQuery,
} from "@/lib/reads/history";
import type { ReadOptions } from "@/lib/reads/read";
import { exportCsvStream, type ExportItem, type ExportKind } from "./stream";
import { EXPORT_RECHECK_EVERY_PAGES, recheckExport } from "./recheck";
import { patientLoad, readAhead } from "./read-ahead";
import { nextWindowPage, type WindowWalk } from "./windows";
import { covers, EmptyWindows } from "./empty-windows";
import { getDialectTraits } from "@/lib/env";
import { getEnv } from "@/lib/env";
import { getRedis } from "@/lib/redis";

const EXPORT_PAGE_SIZE = 100;
const MAX_RANGE_YEARS = 3;

function addUtcYears(iso: string, years: number): number {
  const d = new Date(iso);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.getTime();
}

export const exportQuerySchema = z
  .object({
    kind: z.enum(["orders", "trades"]),
    from: z.iso.datetime({ offset: false }),
    to: z.iso.datetime({ offset: false }),
    instrument: historyQuerySchema.shape.instrument,
    status: historyQuerySchema.shape.status,
    side: historyQuerySchema.shape.side,
  })
  .refine((q) => Date.parse(q.from) <= Date.parse(q.to), {
    path: ["from"],
    message: "error.startBeforeEnd" satisfies MessageKey,
  })
  .refine((q) => Date.parse(q.to) <= addUtcYears(q.from, MAX_RANGE_YEARS), {
    path: ["to"],
    message: `An export can cover at most ${MAX_RANGE_YEARS} years.`,
  });

type Lister<K extends ExportKind> = (
  user: CurrentUser,
  keyRowId: string,
  q: HistoryQuery,
  opts?: ReadOptions,
) => Promise<HistoryPage<ExportItem<K>>>;

/** Lower-case ASCII, dashes between words, so it is safe inside a quoted filename. */
function filenamePart(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}

export type ExportQuery = z.infer<typeof exportQuerySchema>;

const globalForExport = globalThis as unknown as { keydeskEmptyWindows?: EmptyWindows };
function emptyWindows(): EmptyWindows {
  return (globalForExport.keydeskEmptyWindows ??= new EmptyWindows(getEnv().REDIS_URL ? getRedis() : null));
}

export async function startExport(
  user: CurrentUser,
  keyId: string,
  q: ExportQuery,
  ctx: { signal?: AbortSignal; requestId?: string; recheckEveryPages?: number } = {},
): Promise<{ stream: ReadableStream<Uint8Array>; filename: string }> {
  const requestId = ctx.requestId;
  const key = await requireKeyAccess(user, keyId, "export");

  const base: Omit<HistoryQuery, "from" | "to"> = {
    instrument: q.instrument,
    status: q.status,
    side: q.side,
    pageSize: EXPORT_PAGE_SIZE,
  };
  // Cancelling the download (or the request) stops upstream calls, including one waiting for budget.
  const stop = new AbortController();
  ctx.signal?.addEventListener("abort", () => stop.abort(), { once: true });
  const readOpts: ReadOptions = { priority: "background", signal: stop.signal };

  const recheckEvery = ctx.recheckEveryPages ?? EXPORT_RECHECK_EVERY_PAGES;
  let pagesLoaded = 0;
  // Window by window, newest first; trade windows known to be empty are skipped (./empty-windows.ts).
  const empty = emptyWindows();
  const scope = (instrument: string) => `${key.id}:${q.kind}:${instrument}`;
  const knownEmpty = async (from: number, to: number) =>
    q.kind === "trades" &&
    (covers(await empty.list(scope(q.instrument ?? "*")), from, to) ||
      (q.instrument !== undefined && covers(await empty.list(scope("*")), from, to)));
  const range = { from: Date.parse(q.from), to: Math.min(Date.parse(q.to), Date.now()) };
  const iso = (ms: number) => new Date(ms).toISOString();

  const start = async <K extends ExportKind>(kind: K, list: Lister<K>) => {
    const walk: WindowWalk<ExportItem<K>> = {
      range,
      windowMs: getDialectTraits().historyWindowMs,
      list: (from, to, cursor) => list(user, keyId, { ...base, from: iso(from), to: iso(to), cursor }, readOpts),
      knownEmpty,
      // Only what the exchange itself returned counts: no side filter applied here.
      foundEmpty: async (from, to) => {
        if (kind === "trades" && !q.side) await empty.add(scope(q.instrument ?? "*"), from, to);
      },
    };
    const load = async (cursor: string | undefined) => {
      // The session and the key's export access, again as the export goes (./recheck.ts).
      if (pagesLoaded > 0 && pagesLoaded % recheckEvery === 0) await recheckExport(user, keyId);
      pagesLoaded++;
      const page = await nextWindowPage(walk, cursor);
      // A file for an accountant must be complete and current: a page the exchange could not
      // refresh (served stale from the cache) stops the export instead of going in silently;
      // when only the budget's pacing kept it from the exchange, it is asked for again first.
      if (page.source === "stale" && page.staleReason === "rate_limited") {
        throw new AppError("rate_limited", "error.exportIncomplete", { reason: "budget", retryAfterSeconds: 5 });
      }
      if (page.source === "stale") {
        throw new AppError("upstream_unavailable", "error.exportIncomplete", {
          reason: page.staleReason ?? "stale",
          retryAfterSeconds: 60,
        });
      }
      return page;
    };
    // Throws before any byte is sent: the wrapper answers with a JSON error.
    const first = await load(undefined);
    return exportCsvStream<K>({
      kind,
      signal: ctx.signal,
      fetchPage: readAhead(patientLoad(load, stop.signal), first, () => !stop.signal.aborted),
      onDone: (rows, pages, cancelled, error) => {
        stop.abort();
        if (error && !(error instanceof AppError))
          logger.error({ err: error, requestId, keyRef: keyId }, "export stream failed");
        void recordAudit({
          actorId: user.id,
          action: "export.run",
          outcome: error ? "failure" : "success",
          keyRef: key.id,
          keyLabel: key.label,
          requestId,
          detail: {
            kind: q.kind,
            from: q.from,
            to: q.to,
            instrument: q.instrument ?? null,
            status: q.status,
            rows,
            pages,
            cancelled,
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
