// The entry points for "who is calling": every page, route handler and server action
// starts here. Pages redirect to sign-in; route handlers and actions get AppError.
import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { cache } from "react";
import { redirect } from "next/navigation";
import { auth } from "@/lib/auth/config";
import { AppError } from "@/lib/errors";
import { currentRequestId, withRequestId } from "@/lib/http/request-context";

export interface CurrentUser {
  id: string;
  email: string;
  name: string | null;
  sessionId: string;
}

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = currentRequestId() ? await auth() : await withRequestId(await pageRequestId(), () => auth());
  if ((session as { dbUnavailable?: boolean } | null)?.dbUnavailable) {
    throw new AppError("upstream_unavailable", "Keydesk's database isn't answering right now. Nothing was lost; try again in a moment.", { reason: "DATABASE_UNAVAILABLE", retryAfterSeconds: 5 });
  }
  const user = session?.user;
  if (!user?.id || !user.email || !session?.sessionId) return null;
  return { id: user.id, email: user.email, name: user.name ?? null, sessionId: session.sessionId };
});

/** For route handlers and server actions. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthorized", "Sign in to continue.");
  return user;
}

/** For server components: sends signed-out visitors to the sign-in page. */
export async function requirePageUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** Pages run outside route() and the action guard: take the id proxy.ts gave the request. */
async function pageRequestId(): Promise<string> {
  try {
    return (await headers()).get("x-request-id") ?? randomUUID();
  } catch {
    return randomUUID();
  }
}
