-- Backfill for a newly added key (issue 20): its daily values are rebuilt from its trades and the
-- exchange's daily candles and stored as KeySnapshot rows with source 'backfill'. One progress row
-- per key, deleted with the key.
CREATE TABLE "KeyBackfill" (
    "keyId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "daysDone" INTEGER NOT NULL DEFAULT 0,
    "daysTotal" INTEGER NOT NULL DEFAULT 0,
    "reason" TEXT,
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KeyBackfill_pkey" PRIMARY KEY ("keyId"),
    CONSTRAINT "KeyBackfill_state_check" CHECK ("state" IN ('queued', 'running', 'done', 'failed', 'cancelled'))
);

ALTER TABLE "KeyBackfill" ADD CONSTRAINT "KeyBackfill_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The sweep looks for keys still waiting.
CREATE INDEX "KeyBackfill_state_idx" ON "KeyBackfill"("state");
