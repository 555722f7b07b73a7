// The export's page pipeline: one page of read-ahead, and patience with the budget's pacing.
//
// Read-ahead: as soon as a page is in, the next one (its cursor is now known) is asked for, so
// its budget wait and its fetch run while this page becomes CSV and goes out; the budget still
// decides when it is fetched. Never more than one page ahead of what the stream asked for,
// and nothing new starts once the export has ended: a download that is abandoned or cancelled
// stops fetching (at most the one page already on its way is dropped).
//
// Pacing: a page refused only because the budget is busy for the moment (people reading the
// same account come first) is asked for again after the wait the budget gave, a few times,
// instead of ending the export; a cool-down, a blocked address or a failed key still end it.
import "server-only";
import { AppError } from "@/lib/errors";

/** How many times one page may be refused for pacing before the export gives up. */
export const PACING_RETRIES = 4;

export interface AheadPage {
  nextCursor?: string | null;
}

/** Whether an error is the budget pacing this call (worth waiting for), not a stop. */
export function isPacing(err: unknown): err is AppError {
  return err instanceof AppError && err.code === "rate_limited" && (err.reason ?? "budget") === "budget";
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** `load`, asked again after the budget's wait while it only refuses for pacing. */
export function patientLoad<P>(
  load: (cursor: string | undefined) => Promise<P>,
  signal?: AbortSignal,
  retries = PACING_RETRIES,
): (cursor: string | undefined) => Promise<P> {
  return async (cursor) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await load(cursor);
      } catch (err) {
        if (!isPacing(err) || attempt >= retries || signal?.aborted) throw err;
        await wait(Math.max(1, err.retryAfterSeconds ?? 1) * 1_000, signal);
        if (signal?.aborted) throw err;
      }
    }
  };
}

/**
 * A fetchPage for ./stream.ts over `load`, starting from `first` (the page fetched before the
 * response), reading one page ahead while `running()` says the export goes on.
 */
export function readAhead<P extends AheadPage>(
  load: (cursor: string | undefined) => Promise<P>,
  first: P,
  running: () => boolean,
): (cursor: string | undefined) => Promise<P> {
  let ahead: { cursor: string; page: Promise<P> } | null = null;
  let firstPage: P | null = first;
  const prefetch = (page: P) => {
    const next = page.nextCursor || undefined;
    if (next === undefined || !running()) return;
    const p = load(next);
    p.catch(() => undefined); // handed to the stream when it asks; dropped when it never does
    ahead = { cursor: next, page: p };
  };
  prefetch(first);
  return async (cursor) => {
    let page: P;
    if (cursor === undefined && firstPage) {
      page = firstPage;
      firstPage = null;
      return page;
    }
    const pending: { cursor: string; page: Promise<P> } | null = ahead;
    ahead = null;
    page = await (pending && pending.cursor === cursor ? pending.page : load(cursor));
    prefetch(page);
    return page;
  };
}
