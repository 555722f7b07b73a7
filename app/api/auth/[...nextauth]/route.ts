import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { handlers } from "@/lib/sign-in/config";
import { withRequestId } from "@/lib/request-context";

// Auth.js's own endpoints, run with the request's id so their log lines carry it.
const withId = (handler: (req: NextRequest) => Promise<Response>) => (req: NextRequest) =>
  withRequestId(req.headers.get("x-request-id") ?? randomUUID(), () => handler(req));

export const GET = withId(handlers.GET);
export const POST = withId(handlers.POST);
