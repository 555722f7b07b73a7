// The WebAuthn relying party: its id and the one origin passkeys are accepted from, taken from
// KEYDESK_PUBLIC_URL (default http://localhost:$PORT), never from a request's Host header.
// KEYDESK_PASSKEY_RP_ID may widen the id to a parent domain of that host; one that is not the
// host or a parent of it is a settings error at start-up. Pure: lib/env-schema.ts and bin/ use it.
import { isIP } from "node:net";

interface RelyingPartySettings {
  KEYDESK_PUBLIC_URL?: string;
  KEYDESK_PASSKEY_RP_ID?: string;
  PORT: number;
}

type RelyingParty =
  | { ok: true; id: string; origin: string; name: string }
  /** Passkeys cannot work at this address (say why, in one line). */
  | { ok: false; origin: string; problem: string };

const RP_NAME = "Keydesk";

export function publicOrigin(s: RelyingPartySettings): string {
  return new URL(s.KEYDESK_PUBLIC_URL ?? `http://localhost:${s.PORT}`).origin;
}

const isLocalhost = (host: string) => host === "localhost" || host.endsWith(".localhost");

/** A settings error (the explicit RP id does not fit the public address), as cause and fix; or null. */
export function rpIdMismatch(s: RelyingPartySettings): { cause: string; fix: string } | null {
  const wanted = s.KEYDESK_PASSKEY_RP_ID?.trim().toLowerCase();
  if (!wanted) return null;
  const host = new URL(publicOrigin(s)).hostname;
  if (wanted === host || (host.endsWith(`.${wanted}`) && (wanted.includes(".") || wanted === "localhost"))) return null;
  return {
    cause: `KEYDESK_PASSKEY_RP_ID is "${wanted}", but people reach Keydesk at ${publicOrigin(s)} (KEYDESK_PUBLIC_URL), and browsers accept a passkey only for that host or a parent domain of it`,
    fix: `set KEYDESK_PASSKEY_RP_ID to "${host}" or a parent domain of it, or unset it (then it is "${host}")`,
  };
}

export function relyingParty(s: RelyingPartySettings): RelyingParty {
  const origin = publicOrigin(s);
  const url = new URL(origin);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host))
    return {
      ok: false,
      origin,
      problem: `passkeys are off: KEYDESK_PUBLIC_URL (${origin}) is an IP address, and browsers accept passkeys only for a host name. Set KEYDESK_PUBLIC_URL to the name people use, e.g. https://keydesk.example.com (or http://localhost:${s.PORT} on this machine).`,
    };
  if (url.protocol !== "https:" && !isLocalhost(host))
    return {
      ok: false,
      origin,
      problem: `passkeys are off: KEYDESK_PUBLIC_URL (${origin}) is plain http, and browsers offer passkeys only over https (or on localhost). Serve Keydesk over https and set KEYDESK_PUBLIC_URL to that address.`,
    };
  const mismatch = rpIdMismatch(s);
  if (mismatch) return { ok: false, origin, problem: `passkeys are off: ${mismatch.cause}. Fix: ${mismatch.fix}.` };
  return { ok: true, id: s.KEYDESK_PASSKEY_RP_ID?.trim().toLowerCase() || host, origin, name: RP_NAME };
}
