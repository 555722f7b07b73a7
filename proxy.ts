// Runs before every page, server action and Auth.js route: a fresh CSP nonce per request, the
// security headers, a request id, and the request checks (Origin on mutating requests, Host,
// encoding, header size). The API routes get the same checks from the API router (lib/http/api.ts).
import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { apiHeaderValues, requestProblem, securityHeaders } from "@/lib/http/security-headers";

/**
 * Next decodes form posts to pages (server actions, no-JS forms) itself and answers garbage
 * with a 500. Check that such a body is what it claims to be first, and answer 400 if not.
 */
async function actionBodyProblem(request: NextRequest): Promise<string | null> {
  if (request.method !== "POST" || request.nextUrl.pathname.startsWith("/api/")) return null;
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  const action = request.headers.get("next-action");
  if (action !== null && !/^[0-9a-f]{40,44}$/.test(action)) return "Unknown action.";
  // An action call without a body makes Next's action handler throw (a 500): refuse it here.
  if (action !== null && request.body === null) return "The form was sent without any data.";
  try {
    if (type.startsWith("multipart/form-data")) await request.clone().formData();
    else if (action !== null && type.startsWith("text/plain")) {
      if (!Array.isArray(JSON.parse(await request.clone().text()))) return "Malformed action arguments.";
    } else if (action !== null && !type.startsWith("application/x-www-form-urlencoded"))
      return "Unsupported content type for a form.";
  } catch {
    return "The form data could not be read.";
  }
  return null;
}

export async function proxy(request: NextRequest) {
  const env = getEnv();
  const publicOrigin = env.KEYDESK_PUBLIC_URL ? new URL(env.KEYDESK_PUBLIC_URL).origin : null;
  const requestId = crypto.randomUUID();
  const https =
    request.nextUrl.protocol === "https:" ||
    request.headers.get("x-forwarded-proto") === "https" ||
    Boolean(publicOrigin?.startsWith("https:"));
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const headers = securityHeaders({ nonce, production: env.NODE_ENV === "production", https });

  const api = request.nextUrl.pathname.startsWith("/api/") && !request.nextUrl.pathname.startsWith("/api/auth/");
  const found = requestProblem(request, publicOrigin ? [publicOrigin] : []);
  // An API address: only its checks here (a broken one never reaches Next, which would answer
  // it with a 500 while decoding the catch-all's parameters or looking for a server action);
  // the API router sets its own headers.
  if (api && !found && !request.headers.has("next-action")) return NextResponse.next();
  const actionBody = found
    ? null
    : api
      ? "Unknown action." // no server action lives under /api/
      : await actionBodyProblem(request);
  const problem = found ?? (actionBody ? { status: 400, code: "bad_request", message: actionBody } : null);
  if (problem) {
    const res = NextResponse.json(
      { error: { code: problem.code, message: problem.message, requestId } },
      { status: problem.status },
    );
    if (api) {
      // The API's headers, as the router sets them on its own answers.
      for (const [k, v] of Object.entries(apiHeaderValues(env.NODE_ENV === "production"))) res.headers.set(k, v);
      res.headers.set("x-request-id", requestId);
      res.headers.set("cache-control", "no-store");
      return res;
    }
    for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
    res.headers.set("x-request-id", requestId);
    return res;
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-request-id", requestId);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"] ?? "");
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  response.headers.set("x-request-id", requestId);
  return response;
}

// Every address but static files: pages, actions, Auth.js, and the API's addresses for their
// request checks only (a broken address gets its 4xx here; the API router, served by
// app/api/[...path]/route.ts, sets the API headers). `npm start` serves well-formed data reads
// without Next at all (lib/http/direct-api.ts), so they skip this stage. Next needs the matcher as
// a literal.
export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|icon|apple-touch-icon|manifest.webmanifest).*)",
    },
  ],
};
