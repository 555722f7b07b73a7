// next-auth's "passkey" provider: a Credentials provider whose only input is the browser's
// WebAuthn answer (no e-mail, no password). It never consults the password sign-in limits and
// needs no two-factor code: the passkey's user verification is the second factor. Like a
// password sign-in it reads and renews this browser's device token (a browser that carries one
// for the account is no new device). A refusal reaches the sign-in form as the code
// `passkey:<reason>` (./sign-in-actions.ts words it).
import "server-only";
import { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { clientIpFromHeaders } from "@/lib/http/client-ip";
import { issueDeviceCookie, readDeviceCookie } from "@/lib/factors/device-cookie";
import { deviceFor } from "@/lib/factors/device-token";
import { finishPasskeySignIn } from "@/lib/passkeys/sign-in";

export const PASSKEY_PROVIDER_ID = "passkey";

class PasskeyRefused extends CredentialsSignin {
  constructor(reason: string) {
    super();
    this.code = `passkey:${reason}`;
  }
}

export function passkeyProvider() {
  return Credentials({
    id: PASSKEY_PROVIDER_ID,
    name: "Passkey",
    credentials: { response: {} },
    async authorize(raw, request) {
      const result = await finishPasskeySignIn((raw as { response?: unknown } | undefined)?.response, {
        ip: clientIpFromHeaders(request.headers),
        userAgent: request.headers.get("user-agent")?.slice(0, 300) ?? null,
      });
      if (!result.ok) throw new PasskeyRefused(result.reason);
      const deviceCookie = await readDeviceCookie(request.headers);
      const knownDevice = Boolean(deviceFor(deviceCookie, result.user.email));
      await issueDeviceCookie(deviceCookie, result.user.email);
      return { ...result.user, knownDevice };
    },
  });
}
