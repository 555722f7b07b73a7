// Delivering one alert (a pg-boss job): the in-app notification (unique per alert, so a retry
// adds none) and, when SMTP is set and the person wants it, one e-mail (marked sent on the
// notification, so a retried job doesn't mail again). A crash between the mail server's
// acceptance and that mark is the only way to get a second copy.
import "server-only";
import { db } from "@/lib/db";
import { mailConfigured, sendMailOrThrow } from "@/lib/mail";
import { translator } from "@/lib/i18n";
import type { MessageKey } from "@/lib/i18n/messages";
import type { AlertKind } from "./kinds";

export function alertText(locale: "en" | "de", kind: string, detail: unknown): { title: string; body: string } {
  const t = translator(locale);
  const vars: Record<string, string> = {};
  if (detail && typeof detail === "object")
    for (const [k, v] of Object.entries(detail as Record<string, unknown>)) if (typeof v === "string") vars[k] = v;
  return {
    title: t(`alert.${kind as AlertKind}.title` as MessageKey, vars),
    body: t(`alert.${kind as AlertKind}.body` as MessageKey, vars),
  };
}

export async function settingsFor(userId: string): Promise<{ email: boolean; inApp: boolean }> {
  const row = await db.alertSetting.findUnique({ where: { userId } });
  return { email: row?.email ?? true, inApp: row?.inApp ?? true };
}

export async function deliverAlert(alertId: string): Promise<"delivered" | "gone"> {
  const alert = await db.alertState.findUnique({
    where: { id: alertId },
    include: { user: { select: { email: true } } },
  });
  if (!alert) return "gone"; // the condition cleared before delivery: nothing to say any more
  if (alert.deliveredAt) return "delivered";
  const prefs = await settingsFor(alert.userId);
  const detail = (alert.detail ?? {}) as Record<string, string>;
  const note = await db.notification.upsert({
    where: { alertId },
    create: {
      userId: alert.userId,
      alertId,
      kind: alert.condition,
      keyRef: detail.keyRef ?? null,
      keyLabel: detail.keyLabel ?? null,
      detail: alert.detail ?? undefined,
      // Off in-app: stored as read, so the bell stays quiet but the mail has its record.
      readAt: prefs.inApp ? null : new Date(),
    },
    update: {},
  });
  if (prefs.email && mailConfigured() && !note.emailedAt) {
    const en = alertText("en", alert.condition, detail);
    const de = alertText("de", alert.condition, detail);
    const footer = translator("en")("alerts.emailFooter");
    await sendMailOrThrow(
      alert.user.email,
      `Keydesk: ${en.title}`,
      `${en.body}\n\n${footer}\n\n---\n\n${de.title}\n\n${de.body}\n\n${translator("de")("alerts.emailFooter")}\n`,
    );
    await db.notification.update({ where: { id: note.id }, data: { emailedAt: new Date() } });
  }
  await db.alertState.update({ where: { id: alertId }, data: { deliveredAt: new Date() } });
  return "delivered";
}
