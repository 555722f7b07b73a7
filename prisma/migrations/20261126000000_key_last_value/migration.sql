-- The last total EUR value seen for a key, for the Keys page.
ALTER TABLE "ApiKey" ADD COLUMN "lastValueEur" TEXT;
ALTER TABLE "ApiKey" ADD COLUMN "lastValuedAt" TIMESTAMP(3);
