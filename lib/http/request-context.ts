// The request id travels with the work a request starts (route handlers, server actions and
// anything they await, including background revalidation they trigger), so every log line
// written on a request's behalf carries it. proxy.ts assigns the id; this only carries it.
// The same context collects the time spent in each phase of the request, which route()
// reports as a Server-Timing header when KEYDESK_SERVER_TIMING is on (the benchmarks use it).
import { AsyncLocalStorage } from "node:async_hooks";

interface RequestContext {
  requestId: string;
  timings: [string, number][];
}

const globalForContext = globalThis as unknown as { keydeskRequestContext?: AsyncLocalStorage<RequestContext> };
const storage: AsyncLocalStorage<RequestContext> = (globalForContext.keydeskRequestContext ??= new AsyncLocalStorage<RequestContext>());

export function withRequestId<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId, timings: [] }, fn);
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

/** The phases noted so far, as a Server-Timing header value. */
export function serverTiming(total: number): string {
  const phases = storage.getStore()?.timings ?? [];
  return [...phases.map(([p, ms]) => `${p};dur=${ms.toFixed(2)}`), `total;dur=${total.toFixed(2)}`].join(", ");
}
