// Runs before every page, server action and Auth.js route: a fresh CSP nonce per request, the
// security headers, a request id, and the request checks (Origin on mutating requests, Host,
// encoding, header size). The API routes get the same checks from the API router (lib/http/api.ts).
import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { requestProblem, securityHeaders } from "@/lib/http/security-headers";

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

  const found = requestProblem(request, publicOrigin ? [publicOrigin] : []);
  const actionBody = found ? null : await actionBodyProblem(request);
  const problem = found ?? (actionBody ? { status: 400, code: "bad_request", message: actionBody } : null);
  if (problem) {
    const res = NextResponse.json(
      { error: { code: problem.code, message: problem.message, requestId } },
      { status: problem.status },
    );
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

// Every /api/ address but Auth.js's skips this stage: the API router (lib/http/api.ts, served
// by app/api/[...path]/route.ts and by `npm start` directly) runs the same request checks and
// sets the API security headers on every answer it gives, its 404 and 405 included. Skipping
// saves Next's proxy stage, about 2.5 ms, on every data read. Next needs the matcher as a literal.
export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|icon|apple-touch-icon|manifest.webmanifest|api/(?!auth(?:/|$))).*)",
    },
  ],
};
