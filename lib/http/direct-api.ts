// How `npm start` gets the API router from Next's own build, so that the process runs one copy of
// the application (one gate, one database pool) instead of a second one compiled apart. The
// server opens a slot on globalThis before Next starts; Next runs instrumentation.ts's
// register() while it prepares (its documented start-up hook), which fills the slot with the
// API its build compiled. register() may still be running when prepare() resolves (it awaits
// the keyring check first), so the server waits for the slot to be filled. `next start` and
// `next dev` open no slot, so there register() loads nothing. Symbol.for: the server and the
// build are separate copies of this module.
import type { IncomingMessage, ServerResponse } from "node:http";
import { getRequestListener } from "@hono/node-server";
import type { Api } from "@/lib/http/api";
import { hostProblem } from "@/lib/http/security-headers";

type DirectApi = Pick<Api, "app" | "direct" | "routeOf">;
const SLOT = Symbol.for("keydesk.directApi");
const holder = globalThis as unknown as Record<symbol, ((api: DirectApi) => void) | undefined>;

export const NO_API_HANDED_OVER =
  "The build did not hand over its API (instrumentation.ts): run `npm run build` first.";

/** The server, before Next prepares: ask for the API; the answer comes while Next starts (or the wait ends). */
export function openDirectApi(timeoutMs = 120_000): Promise<DirectApi> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      delete holder[SLOT];
      reject(new Error(NO_API_HANDED_OVER));
    }, timeoutMs);
    timer.unref();
    holder[SLOT] = (api) => {
      clearTimeout(timer);
      delete holder[SLOT];
      resolve(api);
    };
  });
}

/** instrumentation.ts: whether a server asked for the API (only then is it loaded). */
export function directApiWanted(): boolean {
  return typeof holder[SLOT] === "function";
}

/** instrumentation.ts: hand the build's API to the server. */
export function provideDirectApi(api: DirectApi): void {
  holder[SLOT]?.(api);
}

/**
 * The server's request handler: well-formed GETs of the API table's routes to the API router
 * (through @hono/node-server), everything else to `other` (Next's request handler). A request
 * whose Host is no host name goes to Next too: @hono/node-server would refuse it with a bare 400
 * of its own, while the router under Next refuses it with the API's JSON 400 and headers.
 */
export function directListener(
  api: DirectApi,
  other: (req: IncomingMessage, res: ServerResponse) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  // The router answers every failure of a handler and of itself (as JSON, logged).
  const serveApi = getRequestListener(api.app.fetch);
  return (req, res) => {
    // This guards only writing the answer (the connection gone, a header Node refuses), so no
    // request can become an unhandled rejection that stops the process.
    if (api.direct(req.method, req.url) && wellFormedHost(req.headers.host))
      Promise.resolve(serveApi(req, res)).catch(() => res.destroy());
    else other(req, res);
  };
}

function wellFormedHost(host: string | undefined): boolean {
  return host !== undefined && hostProblem(new Headers({ host })) === null;
}
