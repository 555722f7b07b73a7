// Streams an order or trade history as CSV, one upstream page per pull.
//
// The stream is pull-based: a page is fetched only when the consumer (the HTTP response being
// written to the browser) asks for more, so memory stays at about one page however long the
// range is, and the budget is spent only as fast as the download is read. A cancelled download
// (the response body's cancel(), or the request's abort signal) stops further page fetches.
//
// Output is plain UTF-8 without a BOM (accountants' tools disagree about BOMs), starting with
// the header line.
//
// A page that fails mid-stream (rate limit, revoked key, exchange down, ...) errors the stream
// with controller.error() rather than writing a trailer line: the HTTP body then ends abruptly,
// so the browser marks the download as failed instead of saving a CSV that looks complete but
// is silently truncated. Errors before the first byte are the caller's job: fetch the first
// page before building the Response so they come back as JSON with a proper status.
import "server-only";
import type { OrderHistory, TradeHistory } from "@/lib/exchange/schemas";
import { csvLine, ORDER_COLUMNS, orderRow, TRADE_COLUMNS, tradeRow } from "./csv";

export type ExportKind = "orders" | "trades";

export type ExportItem<K extends ExportKind> = K extends "orders"
  ? OrderHistory["order_history"][number]
  : TradeHistory["trade_history"][number];

export interface ExportPage<T> {
  items: T[];
  /** The next page's cursor; null, undefined or "" when this was the last page. */
  nextCursor: string | null | undefined;
}

export interface ExportCsvOptions<K extends ExportKind> {
  kind: K;
  fetchPage: (cursor: string | undefined) => Promise<ExportPage<ExportItem<K>>>;
  signal?: AbortSignal;
  /**
   * Called exactly once: after the last page was written, when the consumer cancelled or the
   * signal aborted (cancelled = true), or when a page fetch failed (error set).
   */
  onDone?: (rows: number, pages: number, cancelled: boolean, error?: unknown) => void;
}

export function exportCsvStream<K extends ExportKind>(opts: ExportCsvOptions<K>): ReadableStream<Uint8Array> {
  const { kind, fetchPage, signal, onDone } = opts;
  const encoder = new TextEncoder();
  const header = csvLine(kind === "orders" ? ORDER_COLUMNS : TRADE_COLUMNS);
  const toRow = (item: ExportItem<K>): string[] =>
    kind === "orders" ? orderRow(item as ExportItem<"orders">) : tradeRow(item as ExportItem<"trades">);

  let cursor: string | undefined;
  let rows = 0;
  let pages = 0;
  let finished = false;
  let onAbort: (() => void) | undefined;

  const finish = (cancelled: boolean, error?: unknown) => {
    if (finished) return;
    finished = true;
    if (onAbort) signal?.removeEventListener("abort", onAbort);
    onDone?.(rows, pages, cancelled, error);
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (signal) {
        onAbort = () => {
          if (finished) return;
          finish(true);
          try {
            controller.error(signal.reason ?? new Error("Export aborted."));
          } catch {
            /* already closed */
          }
        };
        if (signal.aborted) {
          onAbort();
          return;
        }
        signal.addEventListener("abort", onAbort, { once: true });
      }
      // Only the header: with the default high-water mark of 1 nothing is fetched until read.
      controller.enqueue(encoder.encode(header));
    },

    async pull(controller) {
      // Loop only over pages without rows (a history page can be empty yet have a cursor),
      // so every pull either enqueues a chunk, closes, or errors: a pull that does none of
      // these would leave the reader waiting forever.
      while (!finished) {
        let page: ExportPage<ExportItem<K>>;
        try {
          page = await fetchPage(cursor);
        } catch (err) {
          if (finished) return; // cancelled while the page was in flight
          finish(false, err);
          controller.error(err);
          return;
        }
        if (finished) return;
        pages++;
        const next = page.nextCursor || undefined;
        if (next !== undefined && next === cursor) {
          const err = new Error("The exchange returned the same page twice; the export was stopped.");
          finish(false, err);
          controller.error(err);
          return;
        }
        cursor = next;
        if (page.items.length > 0) {
          let chunk = "";
          for (const item of page.items) chunk += csvLine(toRow(item));
          rows += page.items.length;
          controller.enqueue(encoder.encode(chunk));
        }
        if (cursor === undefined) {
          finish(false);
          controller.close();
          return;
        }
        if (page.items.length > 0) return;
      }
    },

    cancel() {
      finish(true);
    },
  });
}
