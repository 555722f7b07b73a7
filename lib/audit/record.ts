// Appends audit events (who, what, which key/team, outcome). Never store secrets in detail:
// callers pass ids, labels and outcomes only. A failed audit write is logged, not fatal to reads.
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";

export interface AuditInput {
  actorId: string | null;
  action: string;
  outcome: "success" | "failure" | "denied";
  keyRef?: string | null;
  keyLabel?: string | null;
  teamId?: string | null;
  detail?: Prisma.InputJsonValue;
  requestId?: string | null;
}

export async function recordAudit(input: AuditInput): Promise<void> {
  try {
    await db.auditEvent.create({
      data: {
        actorId: input.actorId,
        action: input.action,
        outcome: input.outcome,
        keyRef: input.keyRef ?? null,
        keyLabel: input.keyLabel ?? null,
        teamId: input.teamId ?? null,
        detail: input.detail,
        requestId: input.requestId ?? null,
      },
    });
  } catch (err) {
    logger.error({ err, action: input.action }, "audit write failed");
  }
}
