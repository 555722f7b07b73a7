// next-auth's "passkey" provider: a Credentials provider whose only input is the browser's
// WebAuthn answer (no e-mail, no password). It never consults the password sign-in limits and
// needs no two-factor code: the passkey's user verification is the second factor. A refusal
// reaches the sign-in form as the code `passkey:<reason>` (./sign-in-actions.ts words it).
import "server-only";
import { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { finishPasskeySignIn } from "./sign-in";

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
      if (result.ok) return result.user;
      throw new PasskeyRefused(result.reason);
    },
  });
}
