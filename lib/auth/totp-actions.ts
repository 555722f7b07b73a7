"use server";
import { guardAction } from "@/lib/http/action-guard";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { stepUpWith } from "@/lib/auth/step-up-with";
import { beginEnrolment, confirmEnrolment, disableTotp } from "@/lib/auth/totp";

export interface TotpState {
  ok?: boolean;
  message?: string;
  /** Set on errors: the request's id, shown as a reference. */
  requestId?: string;
  fields?: Record<string, string[] | undefined>;
  enrolment?: { secret: string; qrSvg: string };
  recoveryCodes?: string[];
}

async function beginTotpActionImpl(_p: TotpState, _fd: FormData): Promise<TotpState> {
  const user = await requireUser();
  const e = await beginEnrolment(user);
  return { enrolment: { secret: e.secret, qrSvg: e.qrSvg } };
}

async function confirmTotpActionImpl(p: TotpState, fd: FormData): Promise<TotpState> {
  const user = await requireUser();
  const code = String(fd.get("code") ?? "").trim();
  if (!/^\d{6}$/.test(code.replace(/\s/g, ""))) return { ...p, fields: { code: ["Enter the 6-digit code your app shows."] } };
  const codes = await confirmEnrolment(user, code);
  // No revalidation here: the page would swap this form for "turn off" before the recovery
  // codes were read. The "I have saved them" link reloads the page.
  return { ok: true, recoveryCodes: codes, message: "Two-factor sign-in is on." };
}

/** Turning 2FA off needs a fresh step-up (the password). */
async function disableTotpActionImpl(_p: TotpState, fd: FormData): Promise<TotpState> {
  const user = await requireUser();
  const password = String(fd.get("password") ?? "") || undefined;
  const stepped = await stepUpWith(user, password);
  if (stepped === "wrong") return { fields: { password: ["That password is not correct."] } };
  if (!stepped) return { fields: { password: ["Enter your password to turn two-factor sign-in off."] } };
  await disableTotp(user);
  revalidatePath("/settings");
  return { ok: true, message: "Two-factor sign-in is off." };
}

export const beginTotpAction = guardAction("beginTotpAction", beginTotpActionImpl);
export const confirmTotpAction = guardAction("confirmTotpAction", confirmTotpActionImpl);
export const disableTotpAction = guardAction("disableTotpAction", disableTotpActionImpl);
