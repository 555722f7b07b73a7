"use server";
// Dismissing this session's "failed sign-ins before this one" banner: a cookie naming the
// session, so the banner stays gone on this browser and comes back for the next sign-in.
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { guardVoidAction } from "@/lib/http/action-guard";
import { requireUser } from "@/lib/sessions/session";
import { getEnv } from "@/lib/env";
import { SIGN_IN_REPORT_SEEN_COOKIE } from "@/lib/sign-in/sign-in-report";

async function dismissSignInReportActionImpl(): Promise<void> {
  const user = await requireUser();
  (await cookies()).set(SIGN_IN_REPORT_SEEN_COOKIE, user.sessionId, {
    httpOnly: true,
    sameSite: "lax",
    secure: getEnv().NODE_ENV === "production",
    path: "/",
    maxAge: 30 * 24 * 60 * 60,
  });
  revalidatePath("/", "layout");
}

export const dismissSignInReportAction = guardVoidAction("dismissSignInReportAction", dismissSignInReportActionImpl);
