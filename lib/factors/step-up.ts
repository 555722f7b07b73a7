// Step-up: a recent password re-entry, kept 10 minutes in a sealed iron-session cookie
// bound to the user AND the browser session. Required before adding Trade/Withdraw keys,
// deleting keys and other dangerous changes. Checked server-side in each such action.
import "server-only";
import { cookies } from "next/headers";
import { getIronSession, type SessionOptions } from "iron-session";
import { createHash } from "node:crypto";
import { getEnv } from "@/lib/env";
import type { CurrentUser } from "@/lib/sessions/session";

export const STEP_UP_TTL_SECONDS = 10 * 60;
const COOKIE = "keydesk-step-up";

interface StepUpData {
  userId?: string;
  sessionId?: string;
  until?: number;
  /** How it was granted: "passkey" when a passkey with user verification confirmed it. */
  via?: StepUpMethod;
}

type StepUpMethod = "secret" | "passkey";

function options(): SessionOptions {
  const env = getEnv();
  // A key derived for this purpose only, so the cookie seal never reuses the session secret directly.
  const password = createHash("sha256").update(`keydesk-step-up:${env.AUTH_SECRET}`).digest("base64");
  return {
    password,
    cookieName: COOKIE,
    ttl: STEP_UP_TTL_SECONDS,
    cookieOptions: { httpOnly: true, sameSite: "strict", secure: env.NODE_ENV === "production", path: "/" },
  };
}

async function session() {
  return getIronSession<StepUpData>(await cookies(), options());
}

export async function grantStepUp(user: CurrentUser, via: StepUpMethod = "secret"): Promise<void> {
  const s = await session();
  s.userId = user.id;
  s.sessionId = user.sessionId;
  s.until = Date.now() + STEP_UP_TTL_SECONDS * 1000;
  s.via = via;
  await s.save();
}

/** True while a step-up granted by a passkey is live for this user in this browser session. */
export async function passkeyStepUpLive(user: CurrentUser): Promise<boolean> {
  const s = await session();
  return (await stepUpSecondsLeft(user)) > 0 && s.via === "passkey";
}

/** Seconds of step-up left for this user in this browser session (0 = none). */
export async function stepUpSecondsLeft(user: CurrentUser): Promise<number> {
  const s = await session();
  if (s.userId !== user.id || s.sessionId !== user.sessionId || !s.until) return 0;
  return Math.max(0, Math.floor((s.until - Date.now()) / 1000));
}
