// Device tokens (OWASP "device cookies"): a browser in which a person signed in carries a token
// signed with a key derived from AUTH_SECRET, naming a random device id and the account's
// e-mail (as an HMAC, never the address itself). A valid token for the account being signed
// into moves that attempt off the shared per-account limit onto a limit of its own device, so
// nobody else's guesses can lock that browser out. One cookie holds a few accounts' tokens.
import "server-only";
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";

/** The cookie's name: `__Host-` in production (HTTPS only, this host only, path /). */
export function deviceCookieName(): string {
  return getEnv().NODE_ENV === "production" ? "__Host-keydesk-device" : "keydesk-device";
}

export const DEVICE_TOKEN_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;
/** Accounts remembered per browser: the most recent first. */
const MAX_TOKENS = 5;

let signingKey: Buffer | null = null;
function key(): Buffer {
  signingKey ??= Buffer.from(hkdfSync("sha256", getEnv().AUTH_SECRET ?? "", "keydesk", "keydesk device token v1", 32));
  return signingKey;
}

const mac = (data: string) => createHmac("sha256", key()).update(data).digest("base64url");
const accountTag = (email: string) => mac(`account:${email.trim().toLowerCase()}`).slice(0, 22);

interface Token {
  deviceId: string;
  account: string;
  issuedAt: number;
  raw: string;
}

function parse(raw: string): Token | null {
  const [v, deviceId, account, issued, sig, extra] = raw.split(".");
  if (v !== "d1" || !deviceId || !account || !issued || !sig || extra !== undefined) return null;
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(deviceId) || !/^\d{1,12}$/.test(issued)) return null;
  const expected = Buffer.from(mac(`${v}.${deviceId}.${account}.${issued}`));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const issuedAt = Number(issued) * 1000;
  if (Date.now() - issuedAt > DEVICE_TOKEN_MAX_AGE_SECONDS * 1000 || issuedAt > Date.now() + 60_000) return null;
  return { deviceId, account, issuedAt, raw };
}

function tokensIn(cookie: string | null | undefined): Token[] {
  if (!cookie || cookie.length > 4000) return [];
  return cookie
    .split("~")
    .slice(0, MAX_TOKENS)
    .map(parse)
    .filter((t): t is Token => t !== null);
}

/** The device id this cookie proves for this account, or null (no token, forged, expired, another account's). */
export function deviceFor(cookie: string | null | undefined, email: string): string | null {
  const tag = accountTag(email);
  return tokensIn(cookie).find((t) => t.account === tag)?.deviceId ?? null;
}

/**
 * The cookie's next value after a successful sign-in: this account's token renewed (same device
 * id when it had one, so its limit follows it), the other accounts' tokens kept.
 */
export function renewDeviceCookie(
  cookie: string | null | undefined,
  email: string,
): { value: string; deviceId: string } {
  const tag = accountTag(email);
  const all = tokensIn(cookie);
  const deviceId = all.find((t) => t.account === tag)?.deviceId ?? randomBytes(16).toString("base64url");
  const issued = String(Math.floor(Date.now() / 1000));
  const body = `d1.${deviceId}.${tag}.${issued}`;
  const fresh = `${body}.${mac(body)}`;
  const others = all.filter((t) => t.account !== tag).map((t) => t.raw);
  return { value: [fresh, ...others].slice(0, MAX_TOKENS).join("~"), deviceId };
}
