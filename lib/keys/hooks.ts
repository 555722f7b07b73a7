// What else must happen when a key goes away: the proxy forgets everything it holds for it.
// Other modules register here so lib/keys does not depend on the proxy's internals.
import "server-only";

type Listener = (e: { keyRowId: string; accountId: string }) => Promise<void> | void;
const listeners: Listener[] = [];

export function onKeyDeletedListener(fn: Listener): void {
  listeners.push(fn);
}

export async function onKeyDeleted(e: { keyRowId: string; accountId: string }): Promise<void> {
  for (const fn of listeners) await fn(e);
}
