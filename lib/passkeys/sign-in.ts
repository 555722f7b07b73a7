// Signing in with a passkey: discoverable credentials (no e-mail asked), user verification
// required, so a passkey sign-in is two factors on its own and no code is asked. Contract: the
// options cost a point from the per-IP passkey limit (a reload reuses the browser's unspent one); the answer is verified by ./assertion.ts;
// failures are audited with their reason; the first sign-in with a passkey alerts its owner.
import "server-only";
import { generateAuthenticationOptions } from "@simplewebauthn/server";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { recordAudit } from "@/lib/audit/record";
import { describeDevice } from "@/lib/http/user-agent";
import { alertPasskeyFirstSignIn } from "@/lib/alerts/passkeys";
import { relyingParty } from "./relying-party";
import { issueChallenge, liveChallenge } from "./challenges";
import { verifyAssertion, type AssertionRefusal } from "./assertion";
import { takeSignInCeremony } from "./limits";

/** How long a browser may wait on the sign-in page's autofill before the challenge lapses. */
const SIGN_IN_TIMEOUT_MS = 5 * 60_000;

type SignInOptions =
  | { ok: true; options: PublicKeyCredentialRequestOptionsJSON }
  | { ok: false; reason: "unavailable" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

export async function beginPasskeySignIn(ip: string): Promise<SignInOptions> {
  const rp = relyingParty(getEnv());
  if (!rp.ok) return { ok: false, reason: "unavailable" };
  // A reload (the autofill asks on every visit) reuses this browser's unspent challenge for free.
  let challenge = await liveChallenge("sign_in");
  if (!challenge) {
    const taken = await takeSignInCeremony(ip);
    if (!taken.ok) return { ok: false, reason: "rate_limited", retryAfterSeconds: taken.retryAfterSeconds };
    challenge = await issueChallenge("sign_in");
  }
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: [],
    userVerification: "required",
    challenge: isoBase64URL.toBuffer(challenge),
    timeout: SIGN_IN_TIMEOUT_MS,
  });
  return { ok: true, options };
}

export type PasskeySignIn =
  { ok: true; user: { id: string; email: string; name: string | null } } | { ok: false; reason: AssertionRefusal };

export async function finishPasskeySignIn(
  responseText: unknown,
  ctx: { ip: string; userAgent: string | null },
): Promise<PasskeySignIn> {
  const result = await verifyAssertion(responseText, "sign_in");
  if (!result.ok) {
    await recordAudit({
      actorId: null,
      action: "auth.sign_in",
      outcome: "denied",
      detail: {
        provider: "passkey",
        reason: result.reason,
        ip: ctx.ip,
        ...(result.origin ? { origin: result.origin } : {}),
      },
    });
    return { ok: false, reason: result.reason };
  }
  const user = await db.user.findUnique({
    where: { id: result.passkey.userId },
    select: { id: true, email: true, name: true },
  });
  if (!user) return { ok: false, reason: "unknown_credential" };
  if (result.passkey.firstSignIn) {
    await recordAudit({
      actorId: user.id,
      action: "auth.passkey_first_sign_in",
      outcome: "success",
      detail: { passkey: result.passkey.name, ip: ctx.ip },
    });
    await alertPasskeyFirstSignIn(user.id, result.passkey.name, describeDevice(ctx.userAgent));
  }
  return { ok: true, user };
}
