"use server";
// Confirming an address (a button on the link's page, so a mail scanner that fetches the link
// does not spend it) and asking for a new link.
import { z } from "zod";
import { guardAction } from "@/lib/http/action-guard";
import { requireUser } from "@/lib/sessions/session";
import { sendVerificationLink, verifyEmailToken } from "@/lib/mail/verification";
import { authTranslator } from "@/lib/i18n/server";

export interface VerifyState {
  ok?: boolean;
  message?: string;
  requestId?: string;
}

const MESSAGES = {
  verified: "auth.verifyDone",
  invalid: "auth.verifyInvalid",
  expired: "auth.verifyExpired",
  used: "auth.verifyUsed",
} as const;

async function verifyEmailActionImpl(_p: VerifyState, fd: FormData): Promise<VerifyState> {
  const token = z
    .string()
    .max(200)
    .parse(String(fd.get("token") ?? ""));
  const result = await verifyEmailToken(token);
  return { ok: result === "verified", message: (await authTranslator())(MESSAGES[result]) };
}

async function resendVerificationActionImpl(_p: VerifyState, _fd: FormData): Promise<VerifyState> {
  const user = await requireUser();
  const sent = await sendVerificationLink(user.id);
  const t = await authTranslator();
  return sent ? { ok: true, message: t("auth.verifyResent") } : { message: t("auth.verifyNotSent") };
}

export const verifyEmailAction = guardAction("verifyEmailAction", verifyEmailActionImpl);
export const resendVerificationAction = guardAction("resendVerificationAction", resendVerificationActionImpl);
