// A person's in-app notifications: their own rows only (every query is scoped by user id).
import "server-only";
import { db } from "@/lib/db";

export function countUnreadNotifications(userId: string): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null } });
}

export function listNotifications(userId: string, take = 100) {
  return db.notification.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take });
}

/** Marks one (or, without an id, every) notification of this person read. Someone else's id changes nothing. */
export async function markNotificationsRead(userId: string, id?: string): Promise<number> {
  const r = await db.notification.updateMany({
    where: { userId, readAt: null, ...(id ? { id } : {}) },
    data: { readAt: new Date() },
  });
  return r.count;
}

export async function saveAlertSettings(userId: string, s: { email: boolean; inApp: boolean }): Promise<void> {
  await db.alertSetting.upsert({ where: { userId }, create: { userId, ...s }, update: s });
}
