-- Invitations with limits: one open invitation per address and team (inviting again re-sends
-- it), the recipient's language, and what the mail queue needs (who sent it last, when mailed).
ALTER TABLE "Invitation" ADD COLUMN "locale" TEXT NOT NULL DEFAULT 'en';
ALTER TABLE "Invitation" ADD COLUMN "sendCount" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "Invitation" ADD COLUMN "lastSentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "Invitation" ADD COLUMN "sentById" TEXT;
ALTER TABLE "Invitation" ADD COLUMN "mailedAt" TIMESTAMP(3);

-- Earlier repeats of one address in one team: all but the newest open one are revoked.
UPDATE "Invitation" i SET "revokedAt" = CURRENT_TIMESTAMP
WHERE i."acceptedAt" IS NULL AND i."revokedAt" IS NULL AND EXISTS (
  SELECT 1 FROM "Invitation" n
  WHERE n."teamId" = i."teamId" AND n.email = i.email AND n."acceptedAt" IS NULL AND n."revokedAt" IS NULL
    AND (n."createdAt", n.id) > (i."createdAt", i.id));

-- Prisma's schema language has no partial indexes: this one lives here only (see schema.prisma).
CREATE UNIQUE INDEX "Invitation_open_per_team_email" ON "Invitation" ("teamId", email)
  WHERE "acceptedAt" IS NULL AND "revokedAt" IS NULL;

-- The mail queue's per-sender rate counts recent mails by sender.
CREATE INDEX "Invitation_sentById_mailedAt_idx" ON "Invitation" ("sentById", "mailedAt");
