// Raising and clearing alerts. An alert is an AlertState row per recipient, subject and
// condition; the unique constraint makes a condition that holds alert once, until clearAlert
// removes the row (the condition cleared). Delivery is a pg-boss job (./deliver.ts).
import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { logger } from "@/lib/log";
import type { AlertKind } from "./kinds";
import { enqueueDelivery } from "./queue";

export interface AlertDetail {
  keyRef?: string;
  keyLabel?: string;
  team?: string;
  member?: string;
  device?: string;
  [k: string]: string | undefined;
}

/**
 * Raises a condition for each recipient that doesn't already have it raised; returns the new
 * alert ids. A queue failure is logged: the minute scan sends every undelivered alert again.
 */
export async function raiseAlert(
  userIds: readonly string[],
  subject: string,
  condition: AlertKind,
  detail: AlertDetail = {},
): Promise<string[]> {
  const ids: string[] = [];
  for (const userId of new Set(userIds)) {
    const rows = await db.$queryRaw<{ id: string }[]>`
      INSERT INTO "AlertState" (id, "userId", subject, condition, since, "raisedAt", detail)
      VALUES (${randomUUID()}, ${userId}, ${subject}, ${condition}, now(), now(), ${JSON.stringify(detail)}::jsonb)
      ON CONFLICT ("userId", subject, condition) DO UPDATE SET "raisedAt" = now()
        WHERE "AlertState"."raisedAt" IS NULL
      RETURNING id`;
    ids.push(...rows.map((r) => r.id));
  }
  await Promise.all(
    ids.map((id) =>
      enqueueDelivery(id).catch((err: unknown) =>
        logger.warn({ err: err instanceof Error ? err.message : "unknown", alertId: id }, "alert not queued yet"),
      ),
    ),
  );
  return ids;
}

/** A one-off event (a share removed, a member joining, ...): its own subject, so each one alerts. */
export function raiseEvent(userIds: readonly string[], condition: AlertKind, detail: AlertDetail = {}) {
  return raiseAlert(userIds, `event:${randomUUID()}`, condition, detail);
}

/** Safe to call from any action: an alert that could not be raised never fails the action. */
export async function raiseQuietly(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (err) {
    logger.warn({ err: err instanceof Error ? err.message : "unknown" }, "alert not raised");
  }
}

/** The condition cleared: the next time it holds, it alerts again. */
export async function clearAlert(subject: string, conditions: readonly AlertKind[]): Promise<void> {
  await db.alertState.deleteMany({ where: { subject, condition: { in: [...conditions] } } });
}
