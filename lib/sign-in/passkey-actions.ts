"use server";
// Sign-in with a passkey: options for this browser (no e-mail: the passkey names its account),
// then next-auth's "passkey" provider with the answer. Refusals come back in the reader's words;
// redirect() (thrown by signIn on success) passes through.
import { AuthError, CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import { guardAction } from "@/lib/http/action-guard";
import type { ActionState } from "@/lib/http/action-state";
import { signIn } from "@/lib/sign-in/config";
import { clientIpFromHeaders } from "@/lib/http/client-ip";
import { authTranslator } from "@/lib/i18n/server";
import { afterSignInPath } from "@/lib/sign-in/after-sign-in";
import { getEnv } from "@/lib/env";
import { relyingParty } from "@/lib/passkeys/relying-party";
import { beginPasskeySignIn } from "@/lib/passkeys/sign-in";
import { isPasskeyRefusal, refusalText } from "@/lib/passkeys/refusals";
import { PASSKEY_PROVIDER_ID } from "./passkey-provider";
import type { PasskeyCeremonyState } from "@/lib/passkeys/ceremony-state";

async function passkeySignInOptionsImpl(): Promise<PasskeyCeremonyState> {
  const t = await authTranslator();
  const begun = await beginPasskeySignIn(clientIpFromHeaders(await headers()));
  if (begun.ok) return { ok: true, request: begun.options, origin: relyingParty(getEnv()).origin };
  if (begun.reason === "rate_limited")
    return { message: t("passkeyRefused.rate_limited", { seconds: begun.retryAfterSeconds }) };
  return { message: refusalText(t, begun.reason) };
}

async function passkeySignInImpl(_prev: ActionState, fd: FormData): Promise<ActionState> {
  try {
    await signIn(PASSKEY_PROVIDER_ID, {
      response: String(fd.get("response") ?? ""),
      redirectTo: afterSignInPath(fd.get("next")),
    });
  } catch (err) {
    if (err instanceof AuthError) {
      const t = await authTranslator();
      const code = err instanceof CredentialsSignin ? err.code.replace(/^passkey:/, "") : "";
      return { message: isPasskeyRefusal(code) ? refusalText(t, code) : t("auth.signInFailed") };
    }
    throw err; // NEXT_REDIRECT on success
  }
  return {};
}

export const passkeySignInOptionsAction = guardAction("passkeySignInOptionsAction", passkeySignInOptionsImpl);
export const passkeySignInAction = guardAction("passkeySignInAction", passkeySignInImpl);
