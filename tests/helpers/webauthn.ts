// A software passkey for integration tests: a P-256 key made with node:crypto, and the
// authenticator's answers built the way a browser and authenticator build them (client data
// JSON, authenticator data, CBOR attestation object with "none" attestation, an ECDSA signature
// over authenticatorData || SHA-256(clientDataJSON)). Every field can be bent to craft bad input:
// another origin or relying-party id, a counter, missing user verification, a foreign challenge.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { isoBase64URL, isoCBOR } from "@simplewebauthn/server/helpers";
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";

const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

export interface Bend {
  origin?: string;
  rpId?: string;
  challenge?: string;
  counter?: number;
  userVerified?: boolean;
  type?: string;
  userHandle?: string | null;
}

const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest();
const b64 = (bytes: Uint8Array) => isoBase64URL.fromBuffer(new Uint8Array(bytes));

function clientData(type: string, challenge: string, origin: string): Buffer {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
}

export class SoftPasskey {
  readonly credentialId = randomBytes(32);
  private readonly privateKey: KeyObject;
  private readonly cose: Uint8Array;
  /** The authenticator's own counter: each assertion uses the next value unless bent. */
  counter = 0;
  userHandle: string | null = null;

  constructor(
    readonly rp: { id: string; origin: string },
    { counts = true }: { counts?: boolean } = {},
  ) {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: "jwk" });
    const coseKey = new Map<number, number | Uint8Array>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, new Uint8Array(Buffer.from(jwk.x!, "base64url"))],
      [-3, new Uint8Array(Buffer.from(jwk.y!, "base64url"))],
    ]);
    this.cose = isoCBOR.encode(coseKey);
    if (!counts) this.counter = -1;
  }

  get id(): string {
    return b64(this.credentialId);
  }

  private authData(rpId: string, flags: number, counter: number, attested: boolean): Buffer {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(Math.max(0, counter));
    if (!attested) return Buffer.concat([sha256(rpId), Buffer.from([flags]), c]);
    const len = Buffer.alloc(2);
    len.writeUInt16BE(this.credentialId.length);
    return Buffer.concat([
      sha256(rpId),
      Buffer.from([flags | AT]),
      c,
      Buffer.alloc(16), // aaguid: none
      len,
      this.credentialId,
      Buffer.from(this.cose),
    ]);
  }

  /** The answer to registration options (navigator.credentials.create). */
  register(options: PublicKeyCredentialCreationOptionsJSON, bend: Bend = {}): RegistrationResponseJSON {
    this.userHandle = options.user.id;
    const flags = UP | (bend.userVerified === false ? 0 : UV);
    const authData = this.authData(bend.rpId ?? this.rp.id, flags, 0, true);
    const attestationObject = isoCBOR.encode(
      new Map<string, unknown>([
        ["fmt", "none"],
        ["attStmt", new Map()],
        ["authData", new Uint8Array(authData)],
      ]) as never,
    );
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64(
          clientData(
            bend.type ?? "webauthn.create",
            bend.challenge ?? options.challenge,
            bend.origin ?? this.rp.origin,
          ),
        ),
        attestationObject: b64(attestationObject),
        transports: ["internal", "hybrid"],
      },
    };
  }

  /** The answer to sign-in or step-up options (navigator.credentials.get). */
  assert(options: PublicKeyCredentialRequestOptionsJSON, bend: Bend = {}): AuthenticationResponseJSON {
    const counter = bend.counter ?? (this.counter < 0 ? 0 : ++this.counter);
    const flags = UP | (bend.userVerified === false ? 0 : UV);
    const authData = this.authData(bend.rpId ?? this.rp.id, flags, counter, false);
    const cdj = clientData(
      bend.type ?? "webauthn.get",
      bend.challenge ?? options.challenge,
      bend.origin ?? this.rp.origin,
    );
    const signature = sign("sha256", Buffer.concat([authData, sha256(cdj)]), this.privateKey);
    const userHandle = bend.userHandle === undefined ? this.userHandle : bend.userHandle;
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64(cdj),
        authenticatorData: b64(authData),
        signature: b64(signature),
        ...(userHandle ? { userHandle } : {}),
      },
    };
  }
}

/**
 * A cookie jar standing in for next/headers' cookies() (one per simulated browser). `replays`:
 * a client that ignores deletions and keeps sending the cookie it had (an attacker's).
 */
export class CookieJar {
  readonly values = new Map<string, string>();
  replays = false;
  api() {
    return {
      get: (name: string) => (this.values.has(name) ? { name, value: this.values.get(name)! } : undefined),
      getAll: () => [...this.values].map(([name, value]) => ({ name, value })),
      set: (name: string, value: string) => void this.values.set(name, value),
      delete: (name: string) => void (this.replays || this.values.delete(name)),
    };
  }
}
