"use server";
// Settings' passkey actions: parse FormData with zod → authenticate → step up → act (every rule
// is in lib/passkeys/registration.ts and manage.ts). The step-up is the password or a passkey.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { rowId } from "@/lib/ids";
import { guardAction } from "@/lib/http/action-guard";
import type { ActionState } from "@/lib/http/action-state";
import { requireUser } from "@/lib/sessions/session";
import { stepUpWith } from "@/lib/factors/step-up-with";
import { passkeyStepUpLive } from "@/lib/factors/step-up";
import { authTranslator } from "@/lib/i18n/server";
import { passwordProblems } from "@/lib/factors/password";
import { getEnv } from "@/lib/env";
import { db } from "@/lib/db";
import { relyingParty } from "./relying-party";
import { beginRegistration, finishRegistration } from "./registration";
import { removePasskeyForUser, setPasswordAgain, turnPasswordOff } from "./manage";
import { refusalText } from "./refusals";
import type { PasskeyCeremonyState } from "./ceremony-state";

const nameSchema = z.string().trim().max(60).optional();
const secret = (fd: FormData, name: string) => {
  const v = fd.get(name);
  return typeof v === "string" && v ? v.slice(0, 1024) : undefined;
};

/** Adding a passkey is adding a way in: step-up first, like turning on two-factor sign-in. */
async function passkeyRegisterOptionsImpl(_p: PasskeyCeremonyState, fd: FormData): Promise<PasskeyCeremonyState> {
  const user = await requireUser();
  const t = await authTranslator();
  if (!nameSchema.safeParse(fd.get("name") ?? undefined).success)
    return { fields: { name: [t("passkeyRefused.name")] } };
  const stepped = await stepUpWith(user, secret(fd, "password"));
  if (stepped === "wrong") return { fields: { password: [t("auth.stepUpWrong")] } };
  const begun = await beginRegistration(user, stepped);
  if (!begun.ok) {
    if (begun.reason === "rate_limited")
      return { message: t("passkeyRefused.rate_limited", { seconds: begun.retryAfterSeconds }) };
    if (begun.reason === "needs_step_up") return { fields: { password: [refusalText(t, "needs_step_up")] } };
    return { message: refusalText(t, begun.reason) };
  }
  return { ok: true, creation: begun.options, origin: relyingParty(getEnv()).origin };
}

async function passkeyRegisterImpl(_p: ActionState, fd: FormData): Promise<ActionState> {
  const user = await requireUser();
  const t = await authTranslator();
  const name = nameSchema.safeParse(fd.get("name") ?? undefined);
  if (!name.success) return { fields: { name: [t("passkeyRefused.name")] } };
  const fallback = t("passkey.defaultName", { n: (await db.passkey.count({ where: { userId: user.id } })) + 1 });
  const done = await finishRegistration(user, fd.get("response"), name.data || fallback);
  if (!done.ok) return { message: refusalText(t, done.reason) };
  revalidatePath("/settings");
  return { ok: true, message: t("passkey.added", { name: name.data || fallback }) };
}

/** Which passkey the answer is about: its row shows the field errors. */
export type RemovePasskeyState = ActionState<{ passkeyId: string }>;

async function removePasskeyImpl(_p: RemovePasskeyState, fd: FormData): Promise<RemovePasskeyState> {
  const user = await requireUser();
  const t = await authTranslator();
  const id = rowId().safeParse(fd.get("passkeyId"));
  if (!id.success) return { message: t("passkeyRefused.invalid") };
  const passkeyId = id.data;
  const stepped = await stepUpWith(user, secret(fd, "password"));
  if (stepped === "wrong") return { passkeyId, fields: { password: [t("auth.stepUpWrong")] } };
  const removed = await removePasskeyForUser(user, passkeyId, stepped);
  if (!removed.ok)
    return removed.reason === "needs_step_up"
      ? { passkeyId, fields: { password: [refusalText(t, "needs_step_up")] } }
      : { passkeyId, message: refusalText(t, removed.reason) };
  revalidatePath("/settings");
  return { ok: true, message: t("passkey.removed", { name: removed.name }) };
}

/** Only right after a passkey confirmed it: the person has just shown a passkey works here. */
async function passwordOffImpl(): Promise<ActionState> {
  const user = await requireUser();
  const t = await authTranslator();
  const off = await turnPasswordOff(user, await passkeyStepUpLive(user));
  if (!off.ok) return { message: refusalText(t, off.reason) };
  revalidatePath("/settings");
  return { ok: true, message: t("passkey.passwordOff") };
}

async function setPasswordImpl(_p: ActionState, fd: FormData): Promise<ActionState> {
  const user = await requireUser();
  const t = await authTranslator();
  const password = String(fd.get("newPassword") ?? "").slice(0, 1024);
  if (password !== String(fd.get("repeatPassword") ?? "").slice(0, 1024))
    return { fields: { repeatPassword: [t("passkeyRefused.passwordsDiffer")] } };
  const problems = passwordProblems(password, user.email, t);
  if (problems.length) return { fields: { newPassword: problems } };
  const set = await setPasswordAgain(user, password, (await stepUpWith(user, undefined)) === true, t);
  if (!set.ok)
    return set.reason === "weak" ? { fields: { newPassword: set.problems } } : { message: refusalText(t, set.reason) };
  revalidatePath("/settings");
  return { ok: true, message: t("passkey.passwordOn") };
}

export const passkeyRegisterOptionsAction = guardAction("passkeyRegisterOptionsAction", passkeyRegisterOptionsImpl);
export const passkeyRegisterAction = guardAction("passkeyRegisterAction", passkeyRegisterImpl);
export const removePasskeyAction = guardAction("removePasskeyAction", removePasskeyImpl);
export const passwordOffAction = guardAction("passwordOffAction", passwordOffImpl);
export const setPasswordAction = guardAction("setPasswordAction", setPasswordImpl);
