// The browser's WebAuthn answers as they arrive in a form field (JSON text): size-capped and
// shape-checked with zod before anything is decoded, and the checks Keydesk makes itself
// before @simplewebauthn verifies the signature, so each refusal names its own reason.
import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import {
  decodeClientDataJSON,
  parseAuthenticatorData,
  type ParsedAuthenticatorData,
} from "@simplewebauthn/server/helpers";

/** Far above any real answer (a few hundred bytes, a few kB with attestation certificates). */
const MAX_RESPONSE_CHARS = 32_000;

const b64url = z
  .string()
  .max(MAX_RESPONSE_CHARS)
  .regex(/^[A-Za-z0-9_-]*$/);
const transport = z.enum(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]);

const assertionSchema = z.object({
  id: b64url.min(1).max(1400),
  rawId: b64url.min(1).max(1400),
  type: z.literal("public-key"),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  response: z.object({
    clientDataJSON: b64url.min(1),
    authenticatorData: b64url.min(37),
    signature: b64url.min(1),
    userHandle: b64url.max(200).optional(),
  }),
});

const attestationSchema = z.object({
  id: b64url.min(1).max(1400),
  rawId: b64url.min(1).max(1400),
  type: z.literal("public-key"),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  response: z.object({
    clientDataJSON: b64url.min(1),
    attestationObject: b64url.min(1),
    transports: z.array(transport).max(8).optional(),
  }),
});

function parseJson(text: unknown): unknown {
  if (typeof text !== "string" || !text || text.length > MAX_RESPONSE_CHARS) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function parseAssertion(text: unknown): AuthenticationResponseJSON | null {
  const parsed = assertionSchema.safeParse(parseJson(text));
  return parsed.success ? (parsed.data as AuthenticationResponseJSON) : null;
}

export function parseAttestation(text: unknown): RegistrationResponseJSON | null {
  const parsed = attestationSchema.safeParse(parseJson(text));
  return parsed.success ? (parsed.data as RegistrationResponseJSON) : null;
}

type ClientDataProblem = "invalid" | "challenge_expired" | "wrong_origin";

/** The signed client data names this ceremony, this challenge and this origin (or says which not). */
export function checkClientData(
  clientDataJSON: string,
  want: { type: "webauthn.get" | "webauthn.create"; challenge: string; origin: string },
): { ok: true } | { ok: false; reason: ClientDataProblem; origin?: string } {
  let data;
  try {
    data = decodeClientDataJSON(clientDataJSON);
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (data.type !== want.type) return { ok: false, reason: "invalid" };
  // An answer to another challenge (an older one, someone else's) is a replay: this one is spent.
  if (data.challenge !== want.challenge) return { ok: false, reason: "challenge_expired" };
  if (data.origin !== want.origin || data.crossOrigin === true)
    return { ok: false, reason: "wrong_origin", origin: String(data.origin).slice(0, 200) };
  return { ok: true };
}

/** The authenticator data, when it parses. */
export function authenticatorData(bytes: Parameters<typeof parseAuthenticatorData>[0]): ParsedAuthenticatorData | null {
  try {
    return parseAuthenticatorData(bytes);
  } catch {
    return null;
  }
}

/** True when the authenticator signed for this relying-party id. */
export function rpIdMatches(parsed: ParsedAuthenticatorData, rpId: string): boolean {
  const want = createHash("sha256").update(rpId).digest();
  return Buffer.from(parsed.rpIdHash).equals(want);
}
