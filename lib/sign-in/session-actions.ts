"use server";
import { guardAction } from "@/lib/http/action-guard";
import { revalidatePath } from "next/cache";
import { rowId } from "@/lib/ids";
import { requireUser } from "@/lib/sessions/session";
import { AppError } from "@/lib/errors";
import { revokeOtherSessions, revokeSession } from "@/lib/sign-in/sessions";
import type { ActionState } from "@/lib/http/action-state";
import { authTranslator } from "@/lib/i18n/server";

async function revokeSessionActionImpl(_p: ActionState, fd: FormData): Promise<ActionState> {
  const user = await requireUser();
  const id = rowId().safeParse(fd.get("sessionId"));
  if (!id.success) return { ok: false, message: (await authTranslator())("sessionAction.notSession") };
  try {
    await revokeSession(user, id.data);
  } catch (err) {
    if (err instanceof AppError) return { ok: false, message: err.message };
    throw err;
  }
  revalidatePath("/settings");
  return { ok: true, message: (await authTranslator())("sessionAction.signedOut") };
}

async function revokeOtherSessionsActionImpl(_p: ActionState, _fd: FormData): Promise<ActionState> {
  const user = await requireUser();
  const n = await revokeOtherSessions(user);
  revalidatePath("/settings");
  const t = await authTranslator();
  return {
    ok: true,
    message: !n
      ? t("sessionAction.noOthers")
      : n === 1
        ? t("sessionAction.signedOutOthers.one")
        : t("sessionAction.signedOutOthers.other", { count: n }),
  };
}

export const revokeSessionAction = guardAction("revokeSessionAction", revokeSessionActionImpl);
export const revokeOtherSessionsAction = guardAction("revokeOtherSessionsAction", revokeOtherSessionsActionImpl);
