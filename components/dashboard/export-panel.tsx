"use client";
// CSV export for a date range: the server streams the file page by page at background
// priority; here we read the stream to show progress (rows, pages, how far back through the
// range, time left at the current pace), allow cancel, and save the file when complete.
import { useRef, useState } from "react";
import { AppError } from "@/lib/errors";
import { exportProgress, lastRowTime, type ExportProgress } from "@/lib/format/export-progress";
import { useI18n } from "@/components/i18n/locale-provider";
import { Alert } from "@/components/ui/alert";
import { Panel } from "./panel";

const field =
  "min-h-11 w-full rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-700 dark:bg-slate-900";
const today = () => new Date().toISOString().slice(0, 10);
const monthAgo = () => new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);

type State =
  | { phase: "idle" }
  | { phase: "running"; progress: ExportProgress }
  | { phase: "done"; rows: number }
  | { phase: "cancelled" }
  | { phase: "failed"; message: string; requestId?: string };

export function ExportPanel({ keyId }: { keyId: string }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<"trades" | "orders">("trades");
  const [from, setFrom] = useState(monthAgo);
  const [to, setTo] = useState(today);
  const [state, setState] = useState<State>({ phase: "idle" });
  const abort = useRef<AbortController | null>(null);

  async function run() {
    const fromIso = `${from}T00:00:00.000Z`;
    const toIso = `${to}T23:59:59.999Z`;
    const ctrl = new AbortController();
    abort.current = ctrl;
    const started = Date.now();
    setState({
      phase: "running",
      progress: exportProgress({ from: fromIso, to: toIso, rows: 0, oldestTime: null, elapsedMs: 0 }),
    });
    try {
      const res = await fetch(`/api/keys/${keyId}/export?${new URLSearchParams({ kind, from: fromIso, to: toIso })}`, {
        signal: ctrl.signal,
      });
      if (!res.ok || !res.body) {
        const body: unknown = await res.json().catch(() => null);
        throw AppError.fromBody(body, res.status);
      }
      const name =
        /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? `keydesk-${kind}.csv`;
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      const parts: BlobPart[] = [];
      let rows = -1; // the header line
      let carry = ""; // the incomplete last line so far
      let oldest: string | null = null;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        const text = carry + decoder.decode(value, { stream: true });
        const cut = text.lastIndexOf("\r\n");
        if (cut >= 0) {
          const complete = text.slice(0, cut + 2);
          rows += (complete.match(/\r\n/g) ?? []).length;
          oldest = lastRowTime(complete) ?? oldest;
          carry = text.slice(cut + 2);
        } else carry = text;
        setState({
          phase: "running",
          progress: exportProgress({
            from: fromIso,
            to: toIso,
            rows: Math.max(0, rows),
            oldestTime: oldest,
            elapsedMs: Date.now() - started,
          }),
        });
      }
      const url = URL.createObjectURL(new Blob(parts, { type: "text/csv;charset=utf-8" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState({ phase: "done", rows: Math.max(0, rows) });
    } catch (err) {
      if (ctrl.signal.aborted) setState({ phase: "cancelled" });
      else {
        // The server's errors come in the reader's language; one made here (or a broken stream) names its text.
        const made = err instanceof AppError ? err.messageKey : "states.downloadInterrupted";
        setState({
          phase: "failed",
          message: made ? t(made, err instanceof AppError ? err.values : undefined) : (err as AppError).message,
          requestId: err instanceof AppError ? err.requestId : undefined,
        });
      }
    } finally {
      abort.current = null;
    }
  }

  const running = state.phase === "running";
  return (
    <Panel id="export" title={t("export.title")}>
      <form
        className="grid grid-cols-1 gap-3 sm:grid-cols-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (!running && from <= to) void run();
        }}
      >
        <label className="flex flex-col gap-1 text-sm">
          {t("export.kind")}
          <select
            className={field}
            value={kind}
            onChange={(e) => setKind(e.target.value as "trades" | "orders")}
            disabled={running}
            name="kind"
          >
            <option value="trades">{t("export.trades")}</option>
            <option value="orders">{t("export.orders")}</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          {t("filters.from")}
          <input
            type="date"
            className={field}
            value={from}
            max={to}
            onChange={(e) => setFrom(e.target.value)}
            disabled={running}
            name="from"
            required
          />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          {t("filters.to")}
          <input
            type="date"
            className={field}
            value={to}
            min={from}
            onChange={(e) => setTo(e.target.value)}
            disabled={running}
            name="to"
            required
          />
        </label>
        <div className="flex items-end gap-2">
          {running ? (
            <button
              type="button"
              onClick={() => abort.current?.abort()}
              className="min-h-11 rounded-md border border-slate-300 px-4 text-sm dark:border-slate-700"
            >
              {t("export.cancel")}
            </button>
          ) : (
            <button
              type="submit"
              className="min-h-11 rounded-md bg-sky-700 px-4 text-sm font-medium text-white hover:bg-sky-800 dark:bg-sky-700"
            >
              {t("export.start")}
            </button>
          )}
        </div>
      </form>
      <p className="text-xs text-slate-600 dark:text-slate-400">{t("export.note")}</p>
      {state.phase === "running" ? (
        <div className="flex flex-col gap-1" data-testid="export-progress">
          <progress
            className="h-3 w-full"
            max={100}
            value={Math.round(state.progress.fraction * 100)}
            aria-label={t("export.title")}
          />
          <p className="text-sm tabular-nums" aria-live="polite">
            {t("export.progress", {
              rows: state.progress.rows,
              pages: state.progress.pages,
              pct: Math.round(state.progress.fraction * 100),
            })}
            {state.progress.secondsLeft !== null ? ` · ${t("export.eta", { n: state.progress.secondsLeft })}` : ""}
          </p>
        </div>
      ) : null}
      {state.phase === "done" ? <Alert tone="success">{t("export.done", { rows: state.rows })}</Alert> : null}
      {state.phase === "cancelled" ? <Alert tone="info">{t("export.cancelled")}</Alert> : null}
      {state.phase === "failed" ? (
        <Alert tone="error" reference={state.requestId}>
          {t("export.failed", { message: state.message })}
        </Alert>
      ) : null}
    </Panel>
  );
}
