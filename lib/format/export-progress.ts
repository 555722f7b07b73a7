// Progress of a streamed export, from what has arrived: rows are newest first, so the time of
// the last complete row says how far back through [from, to] the export has walked. The time
// left is extrapolated from the pace so far, which is the budget's pace for background work.
export interface ExportProgress {
  rows: number;
  pages: number;
  fraction: number;
  secondsLeft: number | null;
  oldest: string | null;
}

export function exportProgress(opts: {
  from: string;
  to: string;
  rows: number;
  oldestTime: string | null;
  elapsedMs: number;
  pageSize?: number;
}): ExportProgress {
  const from = Date.parse(opts.from);
  const to = Date.parse(opts.to);
  const span = Math.max(1, to - from);
  const reached = opts.oldestTime ? Date.parse(opts.oldestTime) : to;
  const fraction = Math.min(1, Math.max(0, (to - reached) / span));
  const secondsLeft =
    fraction > 0.01 && fraction < 1 ? Math.round((opts.elapsedMs / fraction - opts.elapsedMs) / 1000) : null;
  return {
    rows: opts.rows,
    pages: Math.ceil(opts.rows / (opts.pageSize ?? 100)),
    fraction,
    secondsLeft,
    oldest: opts.oldestTime,
  };
}

/** Reads the first-column ISO time of the last complete line in a CSV chunk buffer. */
export function lastRowTime(text: string): string | null {
  const lines = text.split("\r\n");
  for (let i = lines.length - 2; i >= 0; i--) {
    const m = /^"?(\d{4}-\d{2}-\d{2}T[\d:.]+Z)/.exec(lines[i]!);
    if (m) return m[1]!;
  }
  return null;
}
