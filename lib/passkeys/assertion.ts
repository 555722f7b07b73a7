// Verifies a passkey assertion (sign-in or step-up) against this browser's challenge. Contract:
// the challenge is spent first (a replay finds none), then the client data (origin, challenge),
// the relying-party id, the credential (known; the signed-in user's, or for a sign-in the one
// its user handle names), user verification, the signature, and a counter that must rise; the
// new counter is stored only if nobody else moved it meanwhile. Any refusal changes nothing else.
import "server-only";
import { verifyAuthenticationResponse } from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/log";
import { relyingParty } from "./relying-party";
import { redeemChallenge, type ChallengeOwner } from "./challenges";
import { authenticatorData, checkClientData, parseAssertion, rpIdMatches } from "./responses";

export type AssertionRefusal =
  | "unavailable"
  | "invalid"
  | "challenge_expired"
  | "wrong_origin"
  | "wrong_rp"
  | "unknown_credential"
  | "other_user"
  | "not_verified"
  | "counter_replay";

interface VerifiedPasskey {
  id: string;
  name: string;
  userId: string;
  /** It had never signed in before (its first sign-in alerts the owner). */
  firstSignIn: boolean;
}

type AssertionResult =
  { ok: true; passkey: VerifiedPasskey } | { ok: false; reason: AssertionRefusal; origin?: string };

/** `owner` set: a step-up by this user and session. Unset: a sign-in (whoever the passkey names). */
export async function verifyAssertion(
  responseText: unknown,
  purpose: "sign_in" | "step_up",
  owner?: ChallengeOwner,
): Promise<AssertionResult> {
  const rp = relyingParty(getEnv());
  if (!rp.ok) return { ok: false, reason: "unavailable" };
  // Spent before anything else is looked at: whatever follows, this challenge is gone.
  const redeemed = await redeemChallenge(purpose, owner);
  const response = parseAssertion(responseText);
  if (!response || response.id !== response.rawId) return { ok: false, reason: "invalid" };
  if (!redeemed.ok) return { ok: false, reason: "challenge_expired" };
  const client = checkClientData(response.response.clientDataJSON, {
    type: "webauthn.get",
    challenge: redeemed.challenge,
    origin: rp.origin,
  });
  if (!client.ok) return { ok: false, reason: client.reason, origin: client.origin };
  const data = authenticatorData(isoBase64URL.toBuffer(response.response.authenticatorData));
  if (!data) return { ok: false, reason: "invalid" };
  if (!rpIdMatches(data, rp.id)) return { ok: false, reason: "wrong_rp" };

  const passkey = await db.passkey.findUnique({
    where: { credentialId: response.id },
    select: {
      id: true,
      name: true,
      userId: true,
      publicKey: true,
      counter: true,
      transports: true,
      lastSignInAt: true,
      user: { select: { passkeyUserHandle: true } },
    },
  });
  if (!passkey) return { ok: false, reason: "unknown_credential" };
  if (owner && passkey.userId !== owner.userId) return { ok: false, reason: "other_user" };
  // A discoverable sign-in names its account by the user handle: it must be this passkey's.
  if (!owner && (!response.response.userHandle || response.response.userHandle !== passkey.user.passkeyUserHandle))
    return { ok: false, reason: "other_user" };
  if (!data.flags.up || !data.flags.uv) return { ok: false, reason: "not_verified" };
  const stored = Number(passkey.counter);
  // A counter that does not rise means two copies of one authenticator (0 = it keeps none).
  if ((data.counter > 0 || stored > 0) && data.counter <= stored) return { ok: false, reason: "counter_replay" };

  try {
    const verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: redeemed.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
      credential: {
        id: response.id,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: stored,
        transports: passkey.transports as never,
      },
    });
    if (!verified.verified) return { ok: false, reason: "invalid" };
  } catch (err) {
    logger.info({ err: err instanceof Error ? err.message.slice(0, 200) : "unknown" }, "passkey assertion refused");
    return { ok: false, reason: "invalid" };
  }
  const now = new Date();
  // Compare-and-set: of two answers racing with the same counter, one wins.
  const moved = await db.passkey.updateMany({
    where: { id: passkey.id, counter: passkey.counter },
    data: { counter: BigInt(data.counter), lastUsedAt: now, ...(owner ? {} : { lastSignInAt: now }) },
  });
  if (moved.count !== 1) return { ok: false, reason: "counter_replay" };
  return {
    ok: true,
    passkey: {
      id: passkey.id,
      name: passkey.name,
      userId: passkey.userId,
      firstSignIn: !owner && !passkey.lastSignInAt,
    },
  };
}
