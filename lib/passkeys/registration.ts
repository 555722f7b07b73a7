// Registering a passkey for the signed-in person, after step-up. Contract: options name this
// relying party and ask for a discoverable credential with user verification; the answer is
// checked against this browser's single-use challenge (issued to this user and session), the
// public origin and RP id, and stored only when its credential id is new to Keydesk. Every
// registration is audited and alerts the owner.
import "server-only";
import { generateRegistrationOptions, verifyRegistrationResponse } from "@simplewebauthn/server";
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { decodeAttestationObject, isoBase64URL } from "@simplewebauthn/server/helpers";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/log";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import type { CurrentUser } from "@/lib/sessions/session";
import { relyingParty } from "./relying-party";
import { issueChallenge, redeemChallenge } from "./challenges";
import { authenticatorData, checkClientData, parseAttestation, rpIdMatches } from "./responses";
import { credentialDescriptorsFor, MAX_PASSKEYS, userHandleFor } from "./store";
import { alertPasskeyAdded } from "@/lib/alerts/passkeys";
import { takeUserCeremony } from "./limits";

export type RegistrationRefusal =
  | "unavailable"
  | "needs_step_up"
  | "limit_reached"
  | "invalid"
  | "challenge_expired"
  | "wrong_origin"
  | "wrong_rp"
  | "not_verified"
  | "already_registered";

const owner = (user: CurrentUser) => ({ userId: user.id, sessionId: user.sessionId });

export async function beginRegistration(
  user: CurrentUser,
  steppedUp: boolean,
): Promise<
  | { ok: true; options: PublicKeyCredentialCreationOptionsJSON }
  | { ok: false; reason: RegistrationRefusal }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number }
> {
  const rp = relyingParty(getEnv());
  if (!rp.ok) return { ok: false, reason: "unavailable" };
  if (!steppedUp) return { ok: false, reason: "needs_step_up" };
  const existing = await credentialDescriptorsFor(user.id);
  if (existing.length >= MAX_PASSKEYS) return { ok: false, reason: "limit_reached" };
  const taken = await takeUserCeremony(user.id);
  if (!taken.ok) return { ok: false, reason: "rate_limited", retryAfterSeconds: taken.retryAfterSeconds };
  const handle = await userHandleFor(user.id);
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userDisplayName: user.name ?? user.email,
    userID: isoBase64URL.toBuffer(handle),
    challenge: isoBase64URL.toBuffer(await issueChallenge("register", owner(user))),
    attestationType: "none",
    // The authenticators this person already has are not offered a second credential.
    excludeCredentials: existing,
    authenticatorSelection: { residentKey: "required", requireResidentKey: true, userVerification: "required" },
    timeout: 120_000,
  });
  return { ok: true, options };
}

type Finished = { ok: true; passkeyId: string } | { ok: false; reason: RegistrationRefusal; origin?: string };

export async function finishRegistration(user: CurrentUser, responseText: unknown, name: string): Promise<Finished> {
  const result = await verifyAndStore(user, responseText, name);
  if (!result.ok)
    await recordAudit({
      actorId: user.id,
      action: "auth.passkey_added",
      outcome: "denied",
      detail: { reason: result.reason, ...(result.origin ? { origin: result.origin } : {}) },
    });
  return result;
}

async function verifyAndStore(user: CurrentUser, responseText: unknown, name: string): Promise<Finished> {
  const rp = relyingParty(getEnv());
  if (!rp.ok) return { ok: false, reason: "unavailable" };
  const redeemed = await redeemChallenge("register", owner(user));
  const response = parseAttestation(responseText);
  if (!response || response.id !== response.rawId) return { ok: false, reason: "invalid" };
  if (!redeemed.ok) return { ok: false, reason: "challenge_expired" };
  const client = checkClientData(response.response.clientDataJSON, {
    type: "webauthn.create",
    challenge: redeemed.challenge,
    origin: rp.origin,
  });
  if (!client.ok) return { ok: false, reason: client.reason, origin: client.origin };
  let authData;
  try {
    authData = authenticatorData(
      decodeAttestationObject(isoBase64URL.toBuffer(response.response.attestationObject)).get("authData"),
    );
  } catch {
    authData = null;
  }
  if (!authData) return { ok: false, reason: "invalid" };
  if (!rpIdMatches(authData, rp.id)) return { ok: false, reason: "wrong_rp" };
  if (!authData.flags.up || !authData.flags.uv) return { ok: false, reason: "not_verified" };

  let info;
  try {
    const verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: redeemed.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
    });
    if (!verified.verified) return { ok: false, reason: "invalid" };
    info = verified.registrationInfo;
  } catch (err) {
    logger.info({ err: err instanceof Error ? err.message.slice(0, 200) : "unknown" }, "passkey registration refused");
    return { ok: false, reason: "invalid" };
  }
  if ((await db.passkey.count({ where: { userId: user.id } })) >= MAX_PASSKEYS)
    return { ok: false, reason: "limit_reached" };
  let created;
  try {
    created = await db.passkey.create({
      data: {
        userId: user.id,
        credentialId: info.credential.id,
        publicKey: new Uint8Array(info.credential.publicKey),
        counter: BigInt(info.credential.counter),
        transports: response.response.transports ?? [],
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        aaguid: info.aaguid,
        name,
      },
      select: { id: true },
    });
  } catch (err) {
    // The credential id is already Keydesk's (this person's or anyone's): never a second owner.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")
      return { ok: false, reason: "already_registered" };
    throw err;
  }
  await recordAudit({
    actorId: user.id,
    action: "auth.passkey_added",
    outcome: "success",
    detail: { passkey: name, synced: info.credentialDeviceType === "multiDevice" },
  });
  await alertPasskeyAdded(user.id, name);
  return { ok: true, passkeyId: created.id };
}
