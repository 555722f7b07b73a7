// The request id travels with the work a request starts (route handlers, server actions and
// anything they await, including background revalidation they trigger), so every log line
// written on a request's behalf carries it. proxy.ts assigns the id; this only carries it.
// A background job's work runs in a context of its own (withJob): its lines carry the job's
// queue instead, so a line with neither was written for a request that lost its id.
// The same context collects the time spent in each phase of the request, which route()
// reports as a Server-Timing header when KEYDESK_SERVER_TIMING is on (the benchmarks use it).
import { AsyncLocalStorage } from "node:async_hooks";

/** The request's cookies as the session check reads them (Next's `cookies()` shape). */
export interface CookieReader {
  get(name: string): { value: string } | undefined;
  getAll(): { name: string; value: string }[];
}

interface RequestContext {
  /** The request being served (none in a job's context). */
  requestId?: string;
  /** The pg-boss queue whose job is running (none while serving a request). */
  job?: string;
  timings: [string, number][];
  /** Set by route(): the handler's own request's cookies, so API routes need no Next request scope. */
  cookies?: CookieReader;
}

const globalForContext = globalThis as unknown as { keydeskRequestContext?: AsyncLocalStorage<RequestContext> };
const storage: AsyncLocalStorage<RequestContext> = (globalForContext.keydeskRequestContext ??=
  new AsyncLocalStorage<RequestContext>());

export function withRequestId<T>(requestId: string, fn: () => T, cookies?: CookieReader): T {
  return storage.run({ requestId, timings: [], cookies }, fn);
}

/** Runs a background job's work: its log lines carry `job` (the queue), never a request's id. */
export function withJob<T>(job: string, fn: () => T): T {
  return storage.run({ job, timings: [] }, fn);
}

export function currentJob(): string | undefined {
  return storage.getStore()?.job;
}

/** The cookies route() put in the context (null in pages and server actions: they use Next's). */
export function currentCookies(): CookieReader | null {
  return storage.getStore()?.cookies ?? null;
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Runs one phase of the request and notes how long it took (nothing is noted outside a request). */
export async function timed<T>(phase: string, fn: () => Promise<T>): Promise<T> {
  const store = storage.getStore();
  if (!store) return fn();
  const started = performance.now();
  try {
    return await fn();
  } finally {
    store.timings.push([phase, performance.now() - started]);
  }
}

/** timed() for synchronous work. */
export function timedSync<T>(phase: string, fn: () => T): T {
  const store = storage.getStore();
  if (!store) return fn();
  const started = performance.now();
  try {
    return fn();
  } finally {
    store.timings.push([phase, performance.now() - started]);
  }
}

/** The phases noted so far, as a Server-Timing header value. */
export function serverTiming(total: number): string {
  const phases = storage.getStore()?.timings ?? [];
  return [...phases.map(([p, ms]) => `${p};dur=${ms.toFixed(2)}`), `total;dur=${total.toFixed(2)}`].join(", ");
}
