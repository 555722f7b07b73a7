// Runs before every page and route: a fresh CSP nonce per request, the security headers,
// a request id, and the Origin check for mutating requests (server actions, sign-in/out).
import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { headerBytes, hostProblem, originProblem, routerHeaderProblem, securityHeaders } from "@/lib/http/security-headers";

const MAX_HEADER_BYTES = 8 * 1024;

/**
 * Next decodes form posts to pages (server actions, no-JS forms) itself and answers garbage
 * with a 500. Check that such a body is what it claims to be first, and answer 400 if not.
 */
async function actionBodyProblem(request: NextRequest): Promise<string | null> {
  if (request.method !== "POST" || request.nextUrl.pathname.startsWith("/api/")) return null;
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  const action = request.headers.get("next-action");
  if (action !== null && !/^[0-9a-f]{40,44}$/.test(action)) return "Unknown action.";
  try {
    if (type.startsWith("multipart/form-data")) await request.clone().formData();
    else if (action !== null && type.startsWith("text/plain")) {
      if (!Array.isArray(JSON.parse(await request.clone().text()))) return "Malformed action arguments.";
    } else if (action !== null && !type.startsWith("application/x-www-form-urlencoded")) return "Unsupported content type for a form.";
  } catch {
    return "The form data could not be read.";
  }
  return null;
}

/** A path with broken percent-encoding can't name anything we serve: 400 instead of the router's 500. */
function pathProblem(url: string): string | null {
  const raw = url.replace(/^[a-z]+:\/\/[^/]+/i, "").split("?")[0] ?? "";
  try {
    for (const segment of raw.split("/")) decodeURIComponent(decodeURIComponent(segment).replace(/%(?![0-9a-fA-F]{2})/g, "%25"));
    return null;
  } catch {
    return "The address is not validly encoded.";
  }
}

export async function proxy(request: NextRequest) {
  const env = getEnv();
  const publicOrigin = env.KEYDESK_PUBLIC_URL ? new URL(env.KEYDESK_PUBLIC_URL).origin : null;
  const requestId = crypto.randomUUID();
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https" || Boolean(publicOrigin?.startsWith("https:"));
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const headers = securityHeaders({ nonce, production: env.NODE_ENV === "production", https });

  if (headerBytes(request.url, request.headers) > MAX_HEADER_BYTES) {
    return NextResponse.json({ error: { code: "bad_request", message: "The request's address and headers are too large.", requestId } }, { status: 431, headers: { ...headers, "x-request-id": requestId } });
  }
  const origin = originProblem(request, publicOrigin ? [publicOrigin] : []);
  const bad = hostProblem(request.headers) ?? routerHeaderProblem(request.headers) ?? pathProblem(request.url) ?? (origin ? null : await actionBodyProblem(request));
  const problem = bad ?? origin;
  if (problem) {
    const res = NextResponse.json({ error: { code: bad ? "bad_request" : "forbidden", message: problem, requestId } }, { status: bad ? 400 : 403 });
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

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|icon|apple-touch-icon|manifest.webmanifest).*)" }],
};
