// Simulator API keys: RS256 JWTs signed with the simulator's own key pair, with the
// exchange's real header and claim set (no exp). Verification follows the exchange's
// documented order and codes; revocation is by jti.
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import {
  SignJWT,
  compactVerify,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
} from "jose";

export const KEY_HEADER = { org: "bitpanda-ge", alg: "RS256", kid: "exchange-live" } as const;
export const ISSUER = "https://api.exchange.bitpanda.com/oauth2";
export const AUDIENCE = ["https://api.exchange.bitpanda.com", "wss://streams.exchange.bitpanda.com"];
export type Scope = "READ_ONLY" | "TRADE" | "WITHDRAW";

export interface KeyClaims {
  sub: string;
  ach?: string;
  scp: string[];
  ips: string[];
  jti: string;
  iss: string;
  aud: string[];
  iat: number;
  nbf: number;
}

export type AuthFailure =
  | "MISSING_CREDENTIALS"
  | "INVALID_APIKEY"
  | "INVALID_ISSUER"
  | "INVALID_AUDIENCE"
  | "APIKEY_REVOKED"
  | "INVALID_IP_RESTRICTION";

export class KeyAuthority {
  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
  ) {}
  readonly revoked = new Set<string>();

  /** A fresh key pair, or the one kept in `keyFile` (so minted keys stay valid across restarts). */
  static async create(keyFile?: string): Promise<KeyAuthority> {
    if (keyFile && existsSync(keyFile)) {
      const jwk = JSON.parse(readFileSync(keyFile, "utf8")) as { privateKey: JWK; publicKey: JWK };
      return new KeyAuthority(
        (await importJWK(jwk.privateKey, "RS256")) as CryptoKey,
        (await importJWK(jwk.publicKey, "RS256")) as CryptoKey,
      );
    }
    const { privateKey, publicKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
    if (keyFile)
      writeFileSync(
        keyFile,
        JSON.stringify({ privateKey: await exportJWK(privateKey), publicKey: await exportJWK(publicKey) }),
        { mode: 0o600 },
      );
    return new KeyAuthority(privateKey, publicKey);
  }

  async mint(opts: {
    accountId: string;
    scopes: Scope[];
    ips?: string[];
    issuedAt?: Date;
    jti?: string;
    overrides?: Partial<KeyClaims>;
  }): Promise<{ key: string; jti: string }> {
    const iat = Math.floor((opts.issuedAt ?? new Date()).getTime() / 1000);
    const jti = opts.jti ?? randomUUID();
    const claims: KeyClaims = {
      aud: AUDIENCE,
      sub: `acc:${opts.accountId}`,
      scp: opts.scopes,
      nbf: iat,
      ach: `bpc:${opts.accountId}`,
      iss: ISSUER,
      ips: opts.ips ?? [],
      iat,
      jti,
      ...opts.overrides,
    };
    const key = await new SignJWT({ ...claims }).setProtectedHeader({ ...KEY_HEADER }).sign(this.privateKey);
    return { key, jti };
  }

  revoke(jti: string): void {
    this.revoked.add(jti);
  }

  /** The exchange's check order: header → parse+signature → iss/aud → revoked → IP allow-list. */
  async verify(
    authorization: string | undefined,
    clientIp: string,
  ): Promise<{ ok: true; claims: KeyClaims; accountId: string } | { ok: false; code: AuthFailure }> {
    if (!authorization) return { ok: false, code: "MISSING_CREDENTIALS" };
    const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!m?.[1]) return { ok: false, code: "MISSING_CREDENTIALS" };
    const token = m[1];
    let claims: KeyClaims;
    try {
      const header = decodeProtectedHeader(token);
      if (header.alg !== "RS256" || header.kid !== KEY_HEADER.kid) return { ok: false, code: "INVALID_APIKEY" };
      const { payload } = await compactVerify(token, this.publicKey);
      claims = JSON.parse(new TextDecoder().decode(payload)) as KeyClaims;
    } catch {
      return { ok: false, code: "INVALID_APIKEY" };
    }
    if (claims.iss !== ISSUER) return { ok: false, code: "INVALID_ISSUER" };
    if (!Array.isArray(claims.aud) || !claims.aud.includes(AUDIENCE[0]!))
      return { ok: false, code: "INVALID_AUDIENCE" };
    const sub = /^acc:(.+)$/.exec(claims.sub ?? "");
    if (!sub?.[1]) return { ok: false, code: "INVALID_APIKEY" };
    if (this.revoked.has(claims.jti)) return { ok: false, code: "APIKEY_REVOKED" };
    if (Array.isArray(claims.ips) && claims.ips.length > 0 && !claims.ips.some((ip) => sameIp(ip, clientIp))) {
      return { ok: false, code: "INVALID_IP_RESTRICTION" };
    }
    return { ok: true, claims, accountId: sub[1] };
  }
}

function normalize(ip: string): string {
  const v = ip.trim().toLowerCase();
  return v.startsWith("::ffff:") && v.includes(".") ? v.slice(7) : v;
}

export function sameIp(a: string, b: string): boolean {
  return normalize(a) === normalize(b);
}
