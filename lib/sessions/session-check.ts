// The one check of "is this session still good", used on every request: the session cookie
// is decrypted with Auth.js's own `decode` (same secret, same cookie names), then its
// UserSession row is checked: read in a single query, or reused while the access epoch stands
// (lib/sessions/access-epoch.ts). Revoking or deleting the row ends the session on the next
// request, on every instance. Auth.js itself still runs sign-in, sign-out and its
// own endpoints; its session callback uses loadSession below too.
import "server-only";
import { createHash } from "node:crypto";
import { decode } from "next-auth/jwt";
import { db, hotRows } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/log";
import { setBounded } from "@/lib/bounded-map";
import type { CookieReader } from "@/lib/request-context";
import { currentAccessEpoch, EPOCH_SQL, EpochCache } from "@/lib/sessions/access-epoch";

/** Auth.js's session cookie (the name is also its JWE salt): `__Secure-` when issued with secure cookies. */
export const SECURE_SESSION_COOKIE = "__Secure-authjs.session-token";
export const SESSION_COOKIE_NAMES = [SECURE_SESSION_COOKIE, "authjs.session-token"] as const;

/**
 * The names accepted on this server. Production issues and accepts only the `__Secure-` name
 * (a cookie a plain-http page or a sibling subdomain could plant is never read); development
 * and tests also accept the plain one.
 */
export function acceptedSessionCookieNames(): readonly string[] {
  return getEnv().NODE_ENV === "production" ? [SECURE_SESSION_COOKIE] : SESSION_COOKIE_NAMES;
}
const SESSION_TOUCH_MS = 60_000;

export class SessionStoreUnavailable extends Error {}

export interface LiveSession {
  sessionId: string;
  user: { id: string; email: string; name: string | null };
}

/** The cookie's value, reassembled when Auth.js split it into chunks (`name.0`, `name.1`, …). */
function cookieValue(cookies: CookieReader, name: string): string | null {
  const whole = cookies.get(name)?.value;
  if (whole) return whole;
  const chunks = cookies
    .getAll()
    .filter((c) => c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1)));
  if (!chunks.length) return null;
  return chunks
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)))
    .map((c) => c.value)
    .join("");
}

// Decrypting the cookie costs a key derivation (HKDF) and a JWE decryption through WebCrypto:
// about 1 ms of CPU per request, the largest single cost of a cached read. A token that
// decrypted once is remembered (by its SHA-256, never the token itself) until its own expiry,
// so the next request with it costs a hash. The session row is still checked on every request
// (loadSession): revocation and sign-out take effect immediately, on every instance.
const DECODED_MAX = 10_000;
const decoded = new Map<string, { sub: string; sid: string; expMs: number }>();

/** The session's claims if the cookie decrypts and hasn't expired; null otherwise (signed out). */
export async function sessionClaims(cookies: CookieReader): Promise<{ sub: string; sid: string } | null> {
  for (const name of acceptedSessionCookieNames()) {
    const raw = cookieValue(cookies, name);
    if (!raw) continue;
    const digest = createHash("sha256").update(name).update("\0").update(raw).digest("base64url");
    const known = decoded.get(digest);
    if (known) {
      if (known.expMs > Date.now()) return { sub: known.sub, sid: known.sid };
      decoded.delete(digest);
      return null;
    }
    try {
      const token = await decode({ token: raw, secret: getEnv().AUTH_SECRET ?? "", salt: name });
      // Auth.js allows 15 s of clock skew past `exp`; Keydesk ends the session at `exp` exactly,
      // whether the token was just decrypted or remembered.
      if (
        token &&
        typeof token.sub === "string" &&
        typeof token.sid === "string" &&
        typeof token.exp === "number" &&
        token.exp * 1000 > Date.now()
      ) {
        setBounded(decoded, digest, { sub: token.sub, sid: token.sid, expMs: token.exp * 1000 }, DECODED_MAX);
        return { sub: token.sub, sid: token.sid };
      }
    } catch (err) {
      logger.info(
        { auth: "JWTSessionError", cause: err instanceof Error ? err.message.slice(0, 200) : undefined },
        "auth: request refused (treated as signed out)",
      );
    }
    return null;
  }
  return null;
}

interface SessionRow {
  id: string;
  revokedAt: Date | null;
  lastUsedAt: Date;
  userId: string;
  email: string;
  name: string | null;
}

// Live sessions' rows, reused while the access epoch stands (lib/sessions/access-epoch.ts): a
// revocation anywhere moves it, so the next request reads the row again and is refused.
const liveRows = new EpochCache<SessionRow>(10_000);

/**
 * The live session behind a token, or null when it was revoked, deleted or belongs to someone
 * else. `epoch`: the request's one epoch read (the session and key checks share it).
 */
export async function loadSession(
  sid: string,
  sub: string,
  epoch: () => Promise<string | null> = currentAccessEpoch,
): Promise<LiveSession | null> {
  let row = await liveRows.get(sid, epoch);
  if (!row) {
    let rows: (SessionRow & { epoch: string | null })[];
    try {
      rows = await hotRows(
        "keydesk_session",
        `SELECT s.id, s."revokedAt" AT TIME ZONE 'UTC' AS "revokedAt", s."lastUsedAt" AT TIME ZONE 'UTC' AS "lastUsedAt",
          u.id AS "userId", u.email, u.name, ${EPOCH_SQL} AS epoch
        FROM "UserSession" s JOIN "User" u ON u.id = s."userId" WHERE s.id = $1`,
        [sid],
      );
    } catch (err) {
      throw new SessionStoreUnavailable(err instanceof Error ? err.message : String(err));
    }
    const first = rows[0];
    if (!first) return null;
    const { epoch: readAt, ...fresh } = first;
    row = fresh;
    if (!row.revokedAt) liveRows.set(sid, readAt, row);
  }
  if (row.revokedAt || row.userId !== sub) return null;
  if (Date.now() - row.lastUsedAt.getTime() > SESSION_TOUCH_MS) {
    // Noted on the kept row too, so this instance touches it once a minute, not on every request.
    row.lastUsedAt = new Date();
    await db.userSession.update({ where: { id: row.id }, data: { lastUsedAt: row.lastUsedAt } }).catch(() => undefined);
  }
  return { sessionId: row.id, user: { id: row.userId, email: row.email, name: row.name } };
}
