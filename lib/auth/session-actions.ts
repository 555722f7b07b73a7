"use server";
import { guardAction } from "@/lib/http/action-guard";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { revokeOtherSessions, revokeSession } from "@/lib/auth/sessions";
import type { ActionState } from "@/lib/teams/actions";

async function revokeSessionActionImpl(_p: ActionState, fd: FormData): Promise<ActionState> {
  const user = await requireUser();
  const id = z.string().regex(/^[a-z0-9]{20,40}$/).safeParse(fd.get("sessionId"));
  if (!id.success) return { ok: false, message: "Not a session id." };
  try {
    await revokeSession(user, id.data);
  } catch (err) {
    if (err instanceof AppError) return { ok: false, message: err.message };
    throw err;
  }
  revalidatePath("/settings");
  return { ok: true, message: "Signed out that session." };
}

async function revokeOtherSessionsActionImpl(_p: ActionState, _fd: FormData): Promise<ActionState> {
  const user = await requireUser();
  const n = await revokeOtherSessions(user);
  revalidatePath("/settings");
  return { ok: true, message: n ? `Signed out ${n} other session${n > 1 ? "s" : ""}.` : "There were no other sessions." };
}

export const revokeSessionAction = guardAction("revokeSessionAction", revokeSessionActionImpl);
export const revokeOtherSessionsAction = guardAction("revokeOtherSessionsAction", revokeOtherSessionsActionImpl);
