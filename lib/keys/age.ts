// A key's age and its status timeline. The age counts from when the key in
// use was issued (its claims), else from when it was stored or last replaced; past the
// configured age (KEY_ROTATE_AFTER_DAYS) the key page reminds the owner to Replace it. The
// timeline is read from the audit log: added, status changes, checks, replacements, stops.
import "server-only";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";

const DAY_MS = 86_400_000;
export const TIMELINE_ACTIONS = ["key.add", "key.status_changed", "key.check", "key.replace", "key.stop"] as const;

export interface KeyAge {
  /** UTC ISO-8601: when the key in use was issued or stored. */
  since: string;
  days: number;
  rotateAfterDays: number;
  rotateDue: boolean;
}

export interface TimelineEntry {
  at: string;
  action: (typeof TIMELINE_ACTIONS)[number];
  outcome: string;
  status: string | null;
}

export function keyAge(
  key: { issuedAt: Date | null; createdAt: Date },
  lastReplacedAt: Date | null,
  now: Date,
  rotateAfterDays: number,
): KeyAge {
  const stored = lastReplacedAt && lastReplacedAt > key.createdAt ? lastReplacedAt : key.createdAt;
  const since = key.issuedAt && key.issuedAt <= now ? key.issuedAt : stored;
  const days = Math.max(0, Math.floor((now.getTime() - since.getTime()) / DAY_MS));
  return { since: since.toISOString(), days, rotateAfterDays, rotateDue: days >= rotateAfterDays };
}

/** Callers have already authorized the viewer for this key (the key page's owner view). */
export async function keyLifecycle(
  key: { id: string; issuedAt: Date | null; createdAt: Date },
  now = new Date(),
): Promise<{ age: KeyAge; timeline: TimelineEntry[] }> {
  const events = await db.auditEvent.findMany({
    where: { keyRef: key.id, action: { in: [...TIMELINE_ACTIONS] } },
    orderBy: { at: "desc" },
    take: 50,
    select: { at: true, action: true, outcome: true, detail: true },
  });
  const lastReplace = events.find((e) => e.action === "key.replace" && e.outcome === "success");
  const timeline = events.map((e) => {
    const detail = (e.detail ?? {}) as { status?: unknown };
    return {
      at: e.at.toISOString(),
      action: e.action as TimelineEntry["action"],
      outcome: e.outcome,
      // The stop's entry records the status it ended, not a new one: the new one is "stopped".
      status: e.action === "key.stop" ? "stopped" : typeof detail.status === "string" ? detail.status : null,
    };
  });
  return { age: keyAge(key, lastReplace?.at ?? null, now, getEnv().KEY_ROTATE_AFTER_DAYS), timeline };
}
