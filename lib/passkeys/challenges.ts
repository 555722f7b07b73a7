// WebAuthn challenges, kept server-side: each is single-use (redeeming deletes it, whether the
// answer then verifies or not), expires after CHALLENGE_TTL_SECONDS, is bound to the browser
// that asked for it (an httpOnly cookie holds a random token, the table only its SHA-256), and
// for a signed-in ceremony to the user and session. A replayed, expired, foreign or
// mismatched answer therefore finds no challenge to verify against.
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";

const CHALLENGE_TTL_SECONDS = 5 * 60;

type ChallengePurpose = "register" | "sign_in" | "step_up";

const COOKIE: Record<ChallengePurpose, string> = {
  register: "keydesk-passkey-register",
  sign_in: "keydesk-passkey-sign-in",
  step_up: "keydesk-passkey-step-up",
};

const hashToken = (token: string) => createHash("sha256").update(`keydesk-passkey:${token}`).digest("hex");

export interface ChallengeOwner {
  userId: string;
  sessionId: string;
}

/** A fresh random challenge (base64url) for `purpose`, remembered for this browser (and user). */
export async function issueChallenge(purpose: ChallengePurpose, owner?: ChallengeOwner): Promise<string> {
  const jar = await cookies();
  const now = new Date();
  // The browser's earlier challenge for the same purpose is void once it asks again.
  const previous = jar.get(COOKIE[purpose])?.value;
  await db.passkeyChallenge.deleteMany({
    where: {
      OR: [{ expiresAt: { lt: now } }, ...(previous ? [{ tokenHash: hashToken(previous), purpose }] : [])],
    },
  });
  const challenge = randomBytes(32).toString("base64url");
  const token = randomBytes(32).toString("base64url");
  await db.passkeyChallenge.create({
    data: {
      tokenHash: hashToken(token),
      purpose,
      challenge,
      userId: owner?.userId ?? null,
      sessionId: owner?.sessionId ?? null,
      expiresAt: new Date(now.getTime() + CHALLENGE_TTL_SECONDS * 1000),
    },
  });
  jar.set(COOKIE[purpose], token, {
    httpOnly: true,
    sameSite: "strict",
    secure: getEnv().NODE_ENV === "production",
    path: "/",
    maxAge: CHALLENGE_TTL_SECONDS,
  });
  return challenge;
}

/**
 * This browser's own unspent challenge for `purpose` when it still has more than a minute to
 * run (a reloaded sign-in page asks again): the same challenge, no new row. Still single-use.
 */
export async function liveChallenge(purpose: ChallengePurpose): Promise<string | null> {
  const token = (await cookies()).get(COOKIE[purpose])?.value;
  if (!token || token.length > 100) return null;
  const row = await db.passkeyChallenge.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { challenge: true, purpose: true, userId: true, expiresAt: true },
  });
  if (!row || row.purpose !== purpose || row.userId) return null;
  return row.expiresAt.getTime() - Date.now() > 60_000 ? row.challenge : null;
}

type Redeemed = { ok: true; challenge: string } | { ok: false; reason: "challenge_expired" };

/**
 * Takes this browser's challenge for `purpose` out of the store (so it can never be used again)
 * and returns it when it is still fresh and, for a signed-in ceremony, was issued to this user
 * in this session. Every other case is "expired": the person starts the ceremony again.
 */
export async function redeemChallenge(purpose: ChallengePurpose, owner?: ChallengeOwner): Promise<Redeemed> {
  const jar = await cookies();
  const token = jar.get(COOKIE[purpose])?.value;
  if (!token || token.length > 100) return { ok: false, reason: "challenge_expired" };
  jar.delete(COOKIE[purpose]);
  // One statement: two requests racing with the same cookie cannot both get the row.
  // Freshness is judged by the database's clock, the one that wrote expiresAt (UTC).
  const rows = await db.$queryRaw<
    { challenge: string; userId: string | null; sessionId: string | null; fresh: boolean; purpose: string }[]
  >`DELETE FROM "PasskeyChallenge" WHERE "tokenHash" = ${hashToken(token)}
    RETURNING challenge, "userId", "sessionId", purpose, ("expiresAt" > (now() AT TIME ZONE 'UTC')) AS fresh`;
  const row = rows[0];
  if (!row || row.purpose !== purpose || !row.fresh) return { ok: false, reason: "challenge_expired" };
  if ((row.userId ?? null) !== (owner?.userId ?? null) || (row.sessionId ?? null) !== (owner?.sessionId ?? null))
    return { ok: false, reason: "challenge_expired" };
  return { ok: true, challenge: row.challenge };
}
