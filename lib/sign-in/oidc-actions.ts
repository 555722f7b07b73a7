"use server";
// Single sign-on's server actions: start the provider sign-in, and give the two-factor code
// after it. redirect() (thrown by signIn on success) stays outside the error handling.
import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { guardAction } from "@/lib/http/action-guard";
import { signIn } from "@/lib/sign-in/config";
import { getEnv } from "@/lib/env";
import { authTranslator } from "@/lib/i18n/server";
import { afterSignInPath, HOME_PATH } from "@/lib/sign-in/after-sign-in";
import type { AuthFormState } from "@/lib/sign-in/actions";

async function signInWithOidcActionImpl(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  if (!getEnv().AUTH_OIDC_ISSUER) return { message: (await authTranslator())("auth.oidcNotSetUp") };
  await signIn("oidc", { redirectTo: afterSignInPath(formData.get("next")) });
  return {};
}

async function oidcCodeActionImpl(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const t = await authTranslator();
  const parsed = z.string().trim().min(1).max(40).safeParse(formData.get("code"));
  if (!parsed.success) return { fields: { code: [t("auth.oidcCodeRequired")] }, needsCode: true };
  try {
    await signIn("oidc-code", { code: parsed.data, redirectTo: HOME_PATH });
  } catch (err) {
    if (!(err instanceof AuthError)) throw err; // NEXT_REDIRECT on success
    const code = err instanceof CredentialsSignin ? err.code : "";
    const limited = /^rate_limited:(\d+)$/.exec(code);
    if (limited) return { message: t("auth.rateLimited", { seconds: limited[1]! }), needsCode: true };
    if (code === "oidc_code_expired") return { message: t("auth.oidcCodeExpired") };
    return { message: t("auth.oidcCodeInvalid"), needsCode: true };
  }
  return {};
}

export const signInWithOidcAction = guardAction("signInWithOidcAction", signInWithOidcActionImpl);
export const oidcCodeAction = guardAction("oidcCodeAction", oidcCodeActionImpl);
