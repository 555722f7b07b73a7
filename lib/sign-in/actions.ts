"use server";
import { guardAction, guardVoidAction } from "@/lib/http/action-guard";
// Sign-up, sign-in and sign-out server actions: parse FormData with zod, then act.
// redirect() (thrown by signIn on success) stays outside try/catch handling.
import { AuthError, CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/lib/sign-in/config";
import { signUp } from "@/lib/sign-up/sign-up";
import { invitationTokenFrom } from "@/lib/sign-up/sign-up-policy";
import { clientIpFromHeaders } from "@/lib/http/client-ip";
import { authTranslator } from "@/lib/i18n/server";
import { afterSignInPath, HOME_PATH } from "@/lib/sign-in/after-sign-in";
import { signInInvited } from "@/lib/sign-in/invited-sign-up";
import type { Translate } from "@/lib/i18n";

export interface AuthFormState {
  message?: string;
  /** Set on errors: the request's id, shown as a reference. */
  requestId?: string;
  fields?: Partial<Record<"email" | "password" | "confirm" | "name" | "code", string[]>>;
  email?: string;
  /** Sign-up: the name typed, kept when the form comes back with an error. */
  name?: string;
  /** The account has two-factor sign-in on: show the code field. */
  needsCode?: boolean;
}

const signInSchema = (t: Translate) =>
  z.object({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.email(t("auth.enterEmail"))),
    password: z.string().min(1, t("auth.enterPassword")),
    code: z.string().trim().max(40).optional(),
  });

function messageForSignInError(err: AuthError, t: Translate): string {
  const code = err instanceof CredentialsSignin ? err.code : "";
  const limited = /^rate_limited:(\d+)$/.exec(code);
  if (limited) return t("auth.rateLimited", { seconds: limited[1]! });
  if (code === "invalid_credentials") return t("auth.invalidCredentials");
  if (code === "totp_required") return t("auth.totpRequired");
  if (code === "totp_invalid") return t("auth.totpInvalid");
  return t("auth.signInFailed");
}

/** Only same-site paths (lib/sign-in/after-sign-in.ts); otherwise the portfolio home. */
function safeNext(formData: FormData): string {
  return afterSignInPath(formData.get("next"));
}

async function signInActionImpl(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const parsed = signInSchema(await authTranslator()).safeParse({
    email: formData.get("email"),
    password: formData.get("password"),
    code: formData.get("code") || undefined,
  });
  const email = String(formData.get("email") ?? "");
  if (!parsed.success) return { email, fields: z.flattenError(parsed.error).fieldErrors };
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      ...(parsed.data.code ? { code: parsed.data.code } : {}),
      redirectTo: safeNext(formData),
    });
  } catch (err) {
    if (!(err instanceof AuthError)) throw err; // NEXT_REDIRECT on success
    const code = err instanceof CredentialsSignin ? err.code : "";
    const t = await authTranslator();
    // The right password with two-factor on is no error: the code is the second step (the form
    // keeps what was typed), and a wrong code is that field's error, not a failure.
    if (code === "totp_required") return { email, needsCode: true };
    if (code === "totp_invalid") return { email, needsCode: true, fields: { code: [t("auth.codeWrong")] } };
    return { email, message: messageForSignInError(err, t) };
  }
  return {};
}

const signUpSchema = (t: Translate) =>
  z
    .object({
      name: z.string().trim().max(100, t("auth.nameTooLong")).optional(),
      email: z
        .string()
        .trim()
        .toLowerCase()
        .pipe(z.email(t("auth.enterEmail")))
        .pipe(z.string().max(254)),
      password: z.string(),
      confirm: z.string(),
    })
    .refine((v) => v.password === v.confirm, { path: ["confirm"], message: t("auth.passwordsDiffer") });

async function signUpActionImpl(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const email = String(formData.get("email") ?? "");
  const typedName = String(formData.get("name") ?? "").slice(0, 200);
  const name = typedName ? { name: typedName } : {};
  const parsed = signUpSchema(await authTranslator()).safeParse({
    name: formData.get("name") || undefined,
    email: formData.get("email"),
    password: formData.get("password") ?? "",
    confirm: formData.get("confirm") ?? "",
  });
  if (!parsed.success) return { email, ...name, fields: z.flattenError(parsed.error).fieldErrors };
  const next = safeNext(formData);
  const result = await signUp(parsed.data, {
    ip: clientIpFromHeaders(await headers()),
    inviteToken: invitationTokenFrom(next),
  });
  if (!result.ok)
    return "message" in result
      ? { email, ...name, message: result.message }
      : { email, ...name, fields: result.fields };
  // From an invitation to this very address, a new account is signed in and joined at once
  // (lib/sign-in/invited-sign-up.ts). Otherwise the same answer whether the e-mail was new or
  // already had an account: no automatic sign-in (that would tell the two apart).
  const inviteToken = invitationTokenFrom(next);
  if (result.created && inviteToken) await signInInvited({ ...parsed.data, userId: result.userId }, inviteToken);
  redirect(`/sign-in?signed-up=1${next !== HOME_PATH ? `&next=${encodeURIComponent(next)}` : ""}`);
}

async function signOutActionImpl(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}

export const signInAction = guardAction("signInAction", signInActionImpl);
export const signUpAction = guardAction("signUpAction", signUpActionImpl);
export const signOutAction = guardVoidAction("signOutAction", signOutActionImpl);
