// The entry points for "who is calling": every page, route handler and server action
// starts here. Pages redirect to sign-in; route handlers and actions get AppError.
import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { redirect } from "next/navigation";
import { loadSession, sessionClaims, SessionStoreUnavailable } from "@/lib/sessions/session-check";
import { AppError } from "@/lib/errors";
import { databaseUnavailableError } from "@/lib/http/database-unavailable";
import { currentCookies, currentRequestId, timed, withRequestId } from "@/lib/request-context";
import { requestIdFromHeaders } from "@/lib/http/action-guard";

export interface CurrentUser {
  id: string;
  email: string;
  name: string | null;
  sessionId: string;
}

/** Route handlers read their own request's cookies (route() puts them in the context); pages and actions read Next's. */
async function cookieJar() {
  return currentCookies() ?? (await cookies());
}

/** `epoch`: the request's one access-epoch read, when its key check shares it (requireUserAndKeyAccess). */
async function liveUser(epoch?: () => Promise<string | null>): Promise<CurrentUser | null> {
  const check = async () => {
    const claims = await sessionClaims(await cookieJar());
    if (!claims) return null;
    try {
      return await loadSession(claims.sid, claims.sub, epoch);
    } catch (err) {
      if (err instanceof SessionStoreUnavailable) {
        throw databaseUnavailableError();
      }
      throw err;
    }
  };
  const live = currentRequestId()
    ? await timed("session", check)
    : await withRequestId(await requestIdFromHeaders(), check);
  return live ? { id: live.user.id, email: live.user.email, name: live.user.name, sessionId: live.sessionId } : null;
}

export const getCurrentUser = cache((): Promise<CurrentUser | null> => liveUser());

/** The user id the session cookie names, before the session is checked (null: no valid cookie). */
export async function sessionSubject(): Promise<string | null> {
  return (await sessionClaims(await cookieJar()))?.sub ?? null;
}

/** For route handlers and server actions. */
export async function requireUser(epoch?: () => Promise<string | null>): Promise<CurrentUser> {
  const user = epoch ? await liveUser(epoch) : await getCurrentUser();
  if (!user) throw new AppError("unauthorized", "error.signIn");
  return user;
}

/** For server components: sends signed-out visitors to the sign-in page. */
export async function requirePageUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}
