// The one rule for the app's log lines, shared by the secret canary's log test and the fault
// drill (npm run bench:faults): a line is a request's unless it is a start-up line or a
// background job's (`job`, set by the job's log context, lib/request-context.ts), and every
// request's line carries its request id.

export interface AppLogLine {
  app?: string;
  msg?: string;
  phase?: string;
  requestId?: string;
  job?: string;
}

/** The app's own JSON lines in a log (other programs' lines and plain text left out). */
export function appLogLines(text: string): AppLogLine[] {
  return text
    .split("\n")
    .filter((l) => l.startsWith('{"'))
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as AppLogLine];
      } catch {
        return []; // a line cut short where the log was read mid-write
      }
    })
    .filter((l) => l.app === "keydesk");
}

/** The lines written while serving a request: neither start-up nor a background job's. */
export function requestLines(lines: AppLogLine[]): AppLogLine[] {
  return lines.filter((l) => l.phase !== "startup" && !l.job);
}

/** The request lines that lack their request id (the target is none). */
export function requestLinesWithoutId(lines: AppLogLine[]): AppLogLine[] {
  return requestLines(lines).filter((l) => !l.requestId);
}
