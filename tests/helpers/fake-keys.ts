// Builds real-shaped (unsigned-by-the-exchange) keys for decoding tests.
import { randomUUID } from "node:crypto";

export const b64url = (s: string) => Buffer.from(s, "utf8").toString("base64url");

export function fakeKey(opts: { scopes?: string[]; ips?: string[]; escapeSlashes?: boolean; header?: object; payload?: Record<string, unknown>; withAch?: boolean } = {}) {
  const account = randomUUID();
  const jti = randomUUID();
  const payload: Record<string, unknown> = {
    aud: ["https://api.exchange.bitpanda.com", "wss://streams.exchange.bitpanda.com"],
    sub: `acc:${account}`,
    scp: opts.scopes ?? ["READ_ONLY"],
    nbf: 1684256185,
    iss: "https://api.exchange.bitpanda.com/oauth2",
    ips: opts.ips ?? [],
    iat: 1684256185,
    jti,
    ...(opts.withAch === false ? {} : { ach: `bpc:${account}` }),
    ...opts.payload,
  };
  let json = JSON.stringify(payload);
  if (opts.escapeSlashes) json = json.replace(/\//g, "\\/");
  const header = JSON.stringify(opts.header ?? { org: "bitpanda-ge", alg: "RS256", kid: "exchange-live" });
  const signature = Buffer.alloc(256, 9).toString("base64url");
  return { key: `${b64url(header)}.${b64url(json)}.${signature}`, account, jti };
}
