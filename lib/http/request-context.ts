// The request id travels with the work a request starts (route handlers, server actions and
// anything they await, including background revalidation they trigger), so every log line
// written on a request's behalf carries it. proxy.ts assigns the id; this only carries it.
import { AsyncLocalStorage } from "node:async_hooks";

interface RequestContext {
  requestId: string;
}

const globalForContext = globalThis as unknown as { keydeskRequestContext?: AsyncLocalStorage<RequestContext> };
const storage: AsyncLocalStorage<RequestContext> = (globalForContext.keydeskRequestContext ??= new AsyncLocalStorage<RequestContext>());

export function withRequestId<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
