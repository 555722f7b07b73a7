// Any /api/ path we don't serve: a JSON 404 with a message, for every method.
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

function notFound(req: Request) {
  return NextResponse.json({ error: { code: "not_found", message: "There is no such API endpoint.", requestId: req.headers.get("x-request-id") ?? undefined } }, { status: 404, headers: { "cache-control": "no-store" } });
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
