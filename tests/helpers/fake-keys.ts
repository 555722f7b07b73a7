// Builds real-shaped (unsigned-by-the-exchange) keys for decoding tests. `dialect: "fast"`
// gives a key as One Trading issues them for Fast today: the same header and claims (the
// bitpanda.com iss/aud included), `ach` always present, issued in 2026 (lib/exchange/REFERENCE.md §2.2).
import { randomUUID } from "node:crypto";

/** 2026-02-10T00:00:00Z, the month of the newest real sample (a synthetic value). */
const FAST_ISSUED_AT = 1770681600;

export const b64url = (s: string) => Buffer.from(s, "utf8").toString("base64url");

export function fakeKey(
  opts: {
    scopes?: string[];
    ips?: string[];
    escapeSlashes?: boolean;
    header?: object;
    payload?: Record<string, unknown>;
    withAch?: boolean;
    dialect?: "bitpanda" | "fast";
  } = {},
) {
  const account = randomUUID();
  const jti = randomUUID();
  const payload: Record<string, unknown> = {
    aud: ["https://api.exchange.bitpanda.com", "wss://streams.exchange.bitpanda.com"],
    sub: `acc:${account}`,
    scp: opts.scopes ?? ["READ_ONLY"],
    nbf: opts.dialect === "fast" ? FAST_ISSUED_AT : 1684256185,
    iss: "https://api.exchange.bitpanda.com/oauth2",
    ips: opts.ips ?? [],
    iat: opts.dialect === "fast" ? FAST_ISSUED_AT : 1684256185,
    jti,
    ...(opts.withAch === false && opts.dialect !== "fast" ? {} : { ach: `bpc:${account}` }),
    ...opts.payload,
  };
  let json = JSON.stringify(payload);
  if (opts.escapeSlashes) json = json.replace(/\//g, "\\/");
  const header = JSON.stringify(opts.header ?? { org: "bitpanda-ge", alg: "RS256", kid: "exchange-live" });
  const signature = Buffer.alloc(256, 9).toString("base64url");
  return { key: `${b64url(header)}.${b64url(json)}.${signature}`, account, jti };
}
