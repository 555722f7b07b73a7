"use server";
import { guardAction } from "@/lib/http/action-guard";
import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/sessions/session";
import { stepUpWith } from "@/lib/factors/step-up-with";
import { beginEnrolment, confirmEnrolment, disableTotp } from "@/lib/factors/totp";
import { authTranslator } from "@/lib/i18n/server";

export interface TotpState {
  ok?: boolean;
  message?: string;
  /** Set on errors: the request's id, shown as a reference. */
  requestId?: string;
  fields?: Record<string, string[] | undefined>;
  enrolment?: { secret: string; qrSvg: string };
  recoveryCodes?: string[];
}

/** Turning 2FA on needs a fresh step-up too: whoever holds an open session must not bind their own phone to the account. */
async function beginTotpActionImpl(_p: TotpState, fd: FormData): Promise<TotpState> {
  const user = await requireUser();
  const t = await authTranslator();
  const stepped = await stepUpWith(user, String(fd.get("password") ?? "") || undefined);
  if (stepped === "wrong") return { fields: { password: [t("auth.stepUpWrong")] } };
  if (!stepped) return { fields: { password: [t("auth.stepUpNeededFor2fa")] } };
  const e = await beginEnrolment(user);
  return { enrolment: { secret: e.secret, qrSvg: e.qrSvg } };
}

async function confirmTotpActionImpl(p: TotpState, fd: FormData): Promise<TotpState> {
  const user = await requireUser();
  const code = String(fd.get("code") ?? "").trim();
  const t = await authTranslator();
  if (!/^\d{6}$/.test(code.replace(/\s/g, ""))) return { ...p, fields: { code: [t("totpAction.enterCode")] } };
  const codes = await confirmEnrolment(user, code);
  // No revalidation here: the page would swap this form for "turn off" before the recovery
  // codes were read. The "I have saved them" link reloads the page.
  return { ok: true, recoveryCodes: codes, message: t("totp.isOn") };
}

/** Turning 2FA off needs a fresh step-up (the password). */
async function disableTotpActionImpl(_p: TotpState, fd: FormData): Promise<TotpState> {
  const user = await requireUser();
  const password = String(fd.get("password") ?? "") || undefined;
  const stepped = await stepUpWith(user, password);
  const t = await authTranslator();
  if (stepped === "wrong") return { fields: { password: [t("totpAction.wrongPassword")] } };
  if (!stepped) return { fields: { password: [t("totpAction.passwordToDisable")] } };
  await disableTotp(user);
  revalidatePath("/settings");
  return { ok: true, message: t("totpAction.off") };
}

export const beginTotpAction = guardAction("beginTotpAction", beginTotpActionImpl);
export const confirmTotpAction = guardAction("confirmTotpAction", confirmTotpActionImpl);
export const disableTotpAction = guardAction("disableTotpAction", disableTotpActionImpl);
