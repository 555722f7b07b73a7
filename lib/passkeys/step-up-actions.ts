"use server";
// Step-up with a passkey, for every form that asks for the password: options (this person's
// passkeys, user verification required), then the answer, which grants the 10-minute step-up
// the form's own action then finds. Authenticate → act; refusals come back in the reader's words.
import { guardAction } from "@/lib/http/action-guard";
import type { ActionState } from "@/lib/http/action-state";
import { requireUser } from "@/lib/sessions/session";
import { authTranslator } from "@/lib/i18n/server";
import { getEnv } from "@/lib/env";
import { relyingParty } from "./relying-party";
import { beginPasskeyStepUp, finishPasskeyStepUp } from "./step-up";
import { refusalText } from "./refusals";
import type { PasskeyCeremonyState } from "./ceremony-state";

async function passkeyStepUpOptionsImpl(_prev: PasskeyCeremonyState): Promise<PasskeyCeremonyState> {
  const user = await requireUser();
  const t = await authTranslator();
  const begun = await beginPasskeyStepUp(user);
  if (begun.ok) return { ok: true, request: begun.options, origin: relyingParty(getEnv()).origin };
  if (begun.reason === "rate_limited")
    return { message: t("passkeyRefused.rate_limited", { seconds: begun.retryAfterSeconds }) };
  return { message: refusalText(t, begun.reason) };
}

async function passkeyStepUpImpl(_prev: ActionState, fd: FormData): Promise<ActionState> {
  const user = await requireUser();
  const t = await authTranslator();
  const done = await finishPasskeyStepUp(user, fd.get("response"));
  if (!done.ok) return { message: refusalText(t, done.reason) };
  return { ok: true };
}

export const passkeyStepUpOptionsAction = guardAction("passkeyStepUpOptionsAction", passkeyStepUpOptionsImpl);
export const passkeyStepUpAction = guardAction("passkeyStepUpAction", passkeyStepUpImpl);
