// Decodes a pasted Bitpanda Pro / One Trading API key (an RS256 JWT) into its claims, with
// a specific error for each way it can be wrong. It cannot verify the signature (no public
// key is published), so claims are informational until the exchange confirms the key.
// Errors never echo the input.
//
// Dialects (REFERENCE.md §2.2, §12): every real key seen, including one issued in 2026 and used
// with One Trading Fast, carries Bitpanda's issuer and audience hosts, so such a key is accepted
// in either dialect. A key that names One Trading's own hosts (api.onetrading.com, the streams
// hosts) can only be meant for Fast: under Bitpanda Pro it is refused as a key for the other
// API. The opposite case can't be told from the claims; see `looksLikePreFastKey`.
import { isIP } from "node:net";
import type { Dialect } from "./dialect";
import { KNOWN_SCOPES, type KnownScope } from "./scopes";

export const EXPECTED_HEADER = { org: "bitpanda-ge", alg: "RS256", kid: "exchange-live" } as const;
export const EXPECTED_ISSUER = "https://api.exchange.bitpanda.com/oauth2";
export const EXPECTED_AUDIENCE_HOSTS = ["api.exchange.bitpanda.com", "streams.exchange.bitpanda.com"];
/** One Trading's own hosts (REFERENCE.md §1): a key naming them is a Fast key. */
export const FAST_ONLY_AUDIENCE_HOSTS = ["api.onetrading.com", "streams.onetrading.com", "streams.fast.onetrading.com"];
export const FAST_ONLY_ISSUER = "https://api.onetrading.com/oauth2";
const ISSUERS: Record<Dialect, string[]> = {
  "bitpanda-pro": [EXPECTED_ISSUER],
  "onetrading-fast": [EXPECTED_ISSUER, FAST_ONLY_ISSUER],
};
const AUDIENCE_HOSTS: Record<Dialect, string[]> = {
  "bitpanda-pro": EXPECTED_AUDIENCE_HOSTS,
  "onetrading-fast": [...EXPECTED_AUDIENCE_HOSTS, ...FAST_ONLY_AUDIENCE_HOSTS],
};
export const MAX_KEY_LENGTH = 8 * 1024;

export type KeyFormatCode =
  | "empty"
  | "too_long"
  | "not_a_jwt"
  | "bad_encoding"
  | "bad_json"
  | "wrong_exchange"
  | "wrong_issuer"
  | "wrong_audience"
  | "wrong_dialect"
  | "missing_claims";

const MESSAGES: Record<KeyFormatCode, string> = {
  empty: "Paste the API key the exchange showed you.",
  too_long: "That is far longer than an exchange API key. Paste only the key.",
  not_a_jwt:
    "That doesn't look like an exchange API key: a key has three parts separated by dots and starts with \u201ceyJ\u201d. Copy it again from the exchange's pop-up.",
  bad_encoding:
    "Part of that key is not valid: it contains characters an API key can't have. It may have been cut off or mistyped; copy it again.",
  bad_json: "That key is damaged: its contents can't be read. It may have been cut off or mistyped; copy it again.",
  wrong_exchange:
    "That is a token, but not an API key from Bitpanda Pro / One Trading. Keydesk only works with keys from that exchange.",
  wrong_issuer:
    "That key was not issued by Bitpanda Pro / One Trading. Keydesk only works with keys from that exchange.",
  wrong_audience: "That key is not meant for the Bitpanda Pro / One Trading API.",
  wrong_dialect:
    "That key is for One Trading Fast (it names One Trading's own API host), but this Keydesk is connected to the older Bitpanda Pro API (/public/v1). Use a Bitpanda Pro key here, or ask whoever runs Keydesk to connect it to One Trading Fast (EXCHANGE_BASE_URL=https://api.onetrading.com/fast/v1).",
  missing_claims:
    "That key is missing information every exchange key carries (account, key id or permissions). It may be damaged; copy it again.",
};

export class KeyFormatError extends Error {
  constructor(public readonly code: KeyFormatCode) {
    super(MESSAGES[code]);
    this.name = "KeyFormatError";
  }
}

export interface KeyClaims {
  accountId: string;
  holderId: string | null;
  scopes: KnownScope[];
  unknownScopes: string[];
  ips: string[];
  issuedAt: string | null;
  notBefore: string | null;
  keyId: string;
  audiences: string[];
}

const B64URL = /^[A-Za-z0-9_-]+$/;

function decodePart(part: string): unknown {
  if (!B64URL.test(part)) throw new KeyFormatError("bad_encoding");
  let text: string;
  try {
    text = Buffer.from(part, "base64url").toString("utf8");
  } catch {
    throw new KeyFormatError("bad_encoding");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new KeyFormatError("bad_json");
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const epochToIso = (v: unknown) =>
  typeof v === "number" && Number.isFinite(v) && v > 0 && v < 1e11 ? new Date(v * 1000).toISOString() : null;

/**
 * `dialect`: the API this Keydesk talks to; a key meant only for the other one is refused with
 * `wrong_dialect`. Without it, a key for either dialect is accepted.
 */
export function decodeKeyClaims(raw: string, dialect?: Dialect): KeyClaims {
  const key = raw.replace(/\s+/g, "");
  if (!key) throw new KeyFormatError("empty");
  if (key.length > MAX_KEY_LENGTH) throw new KeyFormatError("too_long");
  const parts = key.split(".");
  if (parts.length !== 3 || parts.some((p) => p.length === 0)) throw new KeyFormatError("not_a_jwt");
  const [h, p, s] = parts as [string, string, string];
  if (!B64URL.test(s)) throw new KeyFormatError("bad_encoding");
  const header = decodePart(h);
  const payload = decodePart(p);
  if (!isRecord(header) || !isRecord(payload)) throw new KeyFormatError("bad_json");
  if (header.org !== EXPECTED_HEADER.org || header.alg !== EXPECTED_HEADER.alg || header.kid !== EXPECTED_HEADER.kid) {
    throw new KeyFormatError("wrong_exchange");
  }
  const issuers = dialect ? ISSUERS[dialect] : ISSUERS["onetrading-fast"];
  const audienceHosts = dialect ? AUDIENCE_HOSTS[dialect] : AUDIENCE_HOSTS["onetrading-fast"];
  const audiences = (Array.isArray(payload.aud) ? payload.aud : [payload.aud]).filter(
    (a): a is string => typeof a === "string",
  );
  const hosts = audiences.map((a) => {
    try {
      return new URL(a).host;
    } catch {
      return "";
    }
  });
  const fastOnly = payload.iss === FAST_ONLY_ISSUER || hosts.some((h) => FAST_ONLY_AUDIENCE_HOSTS.includes(h));
  if (dialect === "bitpanda-pro" && fastOnly && (payload.iss === EXPECTED_ISSUER || payload.iss === FAST_ONLY_ISSUER))
    throw new KeyFormatError("wrong_dialect");
  if (typeof payload.iss !== "string" || !issuers.includes(payload.iss)) throw new KeyFormatError("wrong_issuer");
  if (!hosts.some((host) => audienceHosts.includes(host))) throw new KeyFormatError("wrong_audience");
  const sub = typeof payload.sub === "string" ? /^acc:([0-9a-f-]{36})$/i.exec(payload.sub) : null;
  const jti = typeof payload.jti === "string" && /^[0-9a-f-]{8,64}$/i.test(payload.jti) ? payload.jti : null;
  if (!sub?.[1] || !jti || !Array.isArray(payload.scp)) throw new KeyFormatError("missing_claims");
  const scopeValues = [...new Set(payload.scp.filter((x): x is string => typeof x === "string"))];
  const ach = typeof payload.ach === "string" ? (/^bpc:(.+)$/.exec(payload.ach)?.[1] ?? null) : null;
  const ips = Array.isArray(payload.ips)
    ? payload.ips.filter((x): x is string => typeof x === "string").map((ip) => ip.trim())
    : [];
  return {
    accountId: sub[1].toLowerCase(),
    holderId: ach,
    scopes: scopeValues.filter((v): v is KnownScope => (KNOWN_SCOPES as readonly string[]).includes(v)),
    unknownScopes: scopeValues
      .filter((v) => !(KNOWN_SCOPES as readonly string[]).includes(v))
      .map((v) => v.slice(0, 64)),
    ips,
    issuedAt: epochToIso(payload.iat),
    notBefore: epochToIso(payload.nbf),
    keyId: jti.toLowerCase(),
    audiences,
  };
}

/**
 * A key from before One Trading Fast existed: keys issued in 2020–21 lack the `ach` claim every
 * key since 2023 carries (REFERENCE.md §2.2). When Fast refuses such a key, Keydesk says that it is
 * an old Bitpanda Pro key rather than only "refused".
 */
export function looksLikePreFastKey(claims: Pick<KeyClaims, "holderId">, dialect: Dialect): boolean {
  return dialect === "onetrading-fast" && claims.holderId === null;
}

/** Canonical text of an IP address (IPv6 expanded and lower-case) or null if not an IP. */
export function canonicalIp(ip: string): string | null {
  const v = isIP(ip.trim());
  if (v === 4) return ip.trim();
  if (v !== 6) return null;
  let addr = ip.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(addr);
  if (mapped?.[1]) return mapped[1];
  if (addr.includes(".")) {
    // Embedded IPv4 tail: convert to two hextets.
    const tail = addr.slice(addr.lastIndexOf(":") + 1);
    const o = tail.split(".").map(Number);
    addr = `${addr.slice(0, addr.lastIndexOf(":") + 1)}${((o[0]! << 8) | o[1]!).toString(16)}:${((o[2]! << 8) | o[3]!).toString(16)}`;
  }
  const [head, tail] = addr.split("::") as [string, string | undefined];
  const headParts = head ? head.split(":") : [];
  const tailParts = tail ? tail.split(":") : [];
  const fill = addr.includes("::") ? Array(8 - headParts.length - tailParts.length).fill("0") : [];
  return [...headParts, ...fill, ...tailParts].map((h) => h.padStart(4, "0")).join(":");
}

export function isIpAllowed(
  ips: readonly string[],
  egressIp: string | null,
): "unrestricted" | "allowed" | "blocked" | "unknown" {
  if (ips.length === 0) return "unrestricted";
  if (!egressIp) return "unknown";
  const mine = canonicalIp(egressIp);
  if (!mine) return "unknown";
  return ips.some((ip) => canonicalIp(ip) === mine) ? "allowed" : "blocked";
}
