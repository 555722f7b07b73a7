-- Portfolio over time: a key's balances valued in EUR, at most one per key per hour.
CREATE TABLE "KeySnapshot" (
    "id" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "totalEur" TEXT NOT NULL,
    "rows" JSONB NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "KeySnapshot_pkey" PRIMARY KEY ("id")
);

-- The scheduled job's periods: one row per period, so a period runs once across instances.
CREATE TABLE "SnapshotRun" (
    "period" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "keys" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SnapshotRun_pkey" PRIMARY KEY ("period")
);

CREATE UNIQUE INDEX "KeySnapshot_keyId_hour_key" ON "KeySnapshot"("keyId", "hour");
CREATE INDEX "KeySnapshot_keyId_at_idx" ON "KeySnapshot"("keyId", "at");

ALTER TABLE "KeySnapshot" ADD CONSTRAINT "KeySnapshot_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
