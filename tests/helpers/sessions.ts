// Signed-in sessions for load tests without a password round-trip per viewer: a real
// UserSession row and a real Auth.js session cookie, encrypted with the app's secret.
import { encode } from "next-auth/jwt";
import { db } from "@/lib/db";

// The `__Secure-` name: the only one production accepts, and accepted everywhere else too.
export const SESSION_COOKIE = "__Secure-authjs.session-token";

export async function mintSessionCookie(user: { id: string; email: string }, secret: string): Promise<string> {
  const session = await db.userSession.create({ data: { userId: user.id, userAgent: "keydesk-bench" } });
  const token = await encode({
    salt: SESSION_COOKIE,
    secret,
    token: { sub: user.id, email: user.email, sid: session.id },
  });
  return `${SESSION_COOKIE}=${token}`;
}
