"use server";
import { guardAction, guardVoidAction } from "@/lib/http/action-guard";
// Sign-up, sign-in and sign-out server actions: parse FormData with zod, then act.
// redirect() (thrown by signIn on success) stays outside try/catch handling.
import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/config";
import { registerUser } from "@/lib/auth/users";

export interface AuthFormState {
  message?: string;
  /** Set on errors: the request's id, shown as a reference. */
  requestId?: string;
  fields?: Partial<Record<"email" | "password" | "confirm" | "name" | "code", string[]>>;
  email?: string;
  /** The account has two-factor sign-in on: show the code field. */
  needsCode?: boolean;
}

const signInSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail address.")),
  password: z.string().min(1, "Enter your password."),
  code: z.string().trim().max(40).optional(),
});

function messageForSignInError(err: AuthError): string {
  const code = err instanceof CredentialsSignin ? err.code : "";
  const limited = /^rate_limited:(\d+)$/.exec(code);
  if (limited) return `Too many sign-in attempts. Try again in ${limited[1]} s.`;
  if (code === "invalid_credentials") return "That e-mail and password don't match an account.";
  if (code === "totp_required") return "Two-factor sign-in is on for this account: enter your password again with the 6-digit code from your authenticator app (or a recovery code).";
  if (code === "totp_invalid") return "That two-factor code is not valid. Enter your password again with the current 6-digit code, or a recovery code.";
  return "Sign-in failed. Please try again.";
}

/** Only same-site paths: "/teams/x" yes; "//evil", "https://…", "/\\evil" no. */
function safeNext(formData: FormData): string {
  const next = String(formData.get("next") ?? "");
  return /^\/(?![\/\\])[A-Za-z0-9\-._~\/?=&%]*$/.test(next) && next.length < 300 ? next : "/keys";
}

async function signInActionImpl(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const parsed = signInSchema.safeParse({ email: formData.get("email"), password: formData.get("password"), code: formData.get("code") || undefined });
  const email = String(formData.get("email") ?? "");
  if (!parsed.success) return { email, fields: z.flattenError(parsed.error).fieldErrors };
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, ...(parsed.data.code ? { code: parsed.data.code } : {}), redirectTo: safeNext(formData) });
  } catch (err) {
    if (err instanceof AuthError) return { email, message: messageForSignInError(err), needsCode: err instanceof CredentialsSignin && (err.code === "totp_required" || err.code === "totp_invalid") };
    throw err; // NEXT_REDIRECT on success
  }
  return {};
}

const signUpSchema = z
  .object({
    name: z.string().trim().max(100, "Use at most 100 characters.").optional(),
    email: z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail address.")).pipe(z.string().max(254)),
    password: z.string(),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords don't match." });

async function signUpActionImpl(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const email = String(formData.get("email") ?? "");
  const parsed = signUpSchema.safeParse({
    name: formData.get("name") || undefined,
    email: formData.get("email"),
    password: formData.get("password") ?? "",
    confirm: formData.get("confirm") ?? "",
  });
  if (!parsed.success) return { email, fields: z.flattenError(parsed.error).fieldErrors };
  const result = await registerUser(parsed.data);
  if (!result.ok) return { email, fields: result.fields };
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: safeNext(formData) });
  } catch (err) {
    if (err instanceof AuthError) return { email, message: "Your account was created, but signing in failed. Try signing in." };
    throw err;
  }
  return {};
}

async function signOutActionImpl(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}

export const signInAction = guardAction("signInAction", signInActionImpl);
export const signUpAction = guardAction("signUpAction", signUpActionImpl);
export const signOutAction = guardVoidAction("signOutAction", signOutActionImpl);
