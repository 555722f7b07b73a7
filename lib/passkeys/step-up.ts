// Step-up with a passkey instead of the password: the signed-in person's own passkeys only
// (allowCredentials), user verification required, the challenge bound to this user and session.
// A verified answer grants the same 10-minute step-up a password does (lib/factors/step-up.ts),
// marked as a passkey's. Both outcomes are audited.
import "server-only";
import { generateAuthenticationOptions } from "@simplewebauthn/server";
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import { getEnv } from "@/lib/env";
import { recordAudit } from "@/lib/audit/record";
import type { CurrentUser } from "@/lib/sessions/session";
import { grantStepUp } from "@/lib/factors/step-up";
import { relyingParty } from "./relying-party";
import { issueChallenge } from "./challenges";
import { verifyAssertion, type AssertionRefusal } from "./assertion";
import { credentialDescriptorsFor } from "./store";
import { takeUserCeremony } from "./limits";

type StepUpOptions =
  | { ok: true; options: PublicKeyCredentialRequestOptionsJSON }
  | { ok: false; reason: "unavailable" | "no_passkeys" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

export async function beginPasskeyStepUp(user: CurrentUser): Promise<StepUpOptions> {
  const rp = relyingParty(getEnv());
  if (!rp.ok) return { ok: false, reason: "unavailable" };
  const allow = await credentialDescriptorsFor(user.id);
  if (!allow.length) return { ok: false, reason: "no_passkeys" };
  const taken = await takeUserCeremony(user.id);
  if (!taken.ok) return { ok: false, reason: "rate_limited", retryAfterSeconds: taken.retryAfterSeconds };
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    allowCredentials: allow,
    userVerification: "required",
    challenge: isoBase64URL.toBuffer(await issueChallenge("step_up", { userId: user.id, sessionId: user.sessionId })),
    timeout: 120_000,
  });
  return { ok: true, options };
}

export async function finishPasskeyStepUp(
  user: CurrentUser,
  responseText: unknown,
): Promise<{ ok: true } | { ok: false; reason: AssertionRefusal; origin?: string }> {
  const result = await verifyAssertion(responseText, "step_up", { userId: user.id, sessionId: user.sessionId });
  if (!result.ok) {
    await recordAudit({
      actorId: user.id,
      action: "auth.step_up",
      outcome: "failure",
      detail: { method: "passkey", reason: result.reason, ...(result.origin ? { origin: result.origin } : {}) },
    });
    return result;
  }
  await grantStepUp(user, "passkey");
  await recordAudit({
    actorId: user.id,
    action: "auth.step_up",
    outcome: "success",
    detail: { method: "passkey", passkey: result.passkey.name },
  });
  return { ok: true };
}
