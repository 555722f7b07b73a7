"use server";
// Notification and alert-setting actions: parse FormData with zod → authenticate → act on the
// caller's own rows only.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardAction } from "@/lib/http/action-guard";
import type { ActionState } from "@/lib/http/action-state";
import { requireUser } from "@/lib/sessions/session";
import { getLocale } from "@/lib/i18n/server";
import { translator } from "@/lib/i18n";
import { markNotificationsRead, saveAlertSettings } from "./notifications";

const markSchema = z.object({ id: z.string().min(1).max(64).optional() });

async function markReadImpl(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const parsed = markSchema.safeParse({ id: formData.get("id") || undefined });
  if (!parsed.success) return { ok: false, fields: z.flattenError(parsed.error).fieldErrors };
  await markNotificationsRead(user.id, parsed.data.id);
  revalidatePath("/notifications");
  return { ok: true };
}

export const markNotificationReadAction = guardAction("markNotificationReadAction", markReadImpl);

const settingsSchema = z.object({ email: z.boolean(), inApp: z.boolean() });

async function saveSettingsImpl(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser();
  const parsed = settingsSchema.safeParse({
    email: formData.get("email") === "on",
    inApp: formData.get("inApp") === "on",
  });
  if (!parsed.success) return { ok: false, fields: z.flattenError(parsed.error).fieldErrors };
  await saveAlertSettings(user.id, parsed.data);
  revalidatePath("/settings");
  return { ok: true, message: translator(await getLocale())("alerts.settingsSaved") };
}

export const saveAlertSettingsAction = guardAction("saveAlertSettingsAction", saveSettingsImpl);
