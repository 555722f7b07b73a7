// The WebAuthn relying party: its id and the one origin passkeys are accepted from, taken from
// KEYDESK_PUBLIC_URL (default http://localhost:$PORT), never from a request's Host header.
// KEYDESK_PASSKEY_RP_ID may widen the id to a parent domain of that host; one that is not the
// host or a parent of it is a settings error at start-up (lib/env-schema.ts checks it). Pure.
import { isIP } from "node:net";
import { isLocalhost, publicOrigin, rpIdMismatch, type RelyingPartySettings } from "@/lib/env-schema";

export { publicOrigin, rpIdMismatch } from "@/lib/env-schema";

type RelyingParty =
  | { ok: true; id: string; origin: string; name: string }
  /** Passkeys cannot work at this address (say why, in one line). */
  | { ok: false; origin: string; problem: string };

const RP_NAME = "Keydesk";

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
