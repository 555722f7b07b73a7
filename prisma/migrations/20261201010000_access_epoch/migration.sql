-- The access epoch: one counter that every change deciding who may read what moves, in the same
-- transaction as the change (triggers, so no writer can forget it: actions, cascades, scripts).
-- Instances keep the session and key-access rows they read, tagged with the epoch read in the
-- same statement, and reuse them only while a read of the epoch made after the request arrived
-- still returns that tag (lib/auth/access-epoch.ts): a revoked session, an unshared key, a
-- removed member or a stopped key is refused on the very next request, on every instance.
CREATE TABLE "AccessEpoch" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "value" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "AccessEpoch_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "AccessEpoch_one_row" CHECK ("id" = 1)
);

INSERT INTO "AccessEpoch" ("id", "value") VALUES (1, 0);

-- The body is an escape string with \073 for its semicolons: the CLI's driver adapter splits a
-- migration script at every semicolon, dollar quotes included.
CREATE FUNCTION "access_epoch_bump"() RETURNS TRIGGER LANGUAGE plpgsql AS E'BEGIN
  UPDATE "AccessEpoch" SET "value" = "value" + 1 WHERE "id" = 1\073
  RETURN NULL\073
END';

-- Sessions: revoked, moved or deleted (sign-out, "sign out everywhere", user deleted). Not the
-- once-a-minute lastUsedAt touch, and not a new session (no instance holds it yet).
CREATE TRIGGER "UserSession_access_epoch" AFTER UPDATE ON "UserSession" FOR EACH ROW
WHEN (OLD."revokedAt" IS DISTINCT FROM NEW."revokedAt" OR OLD."userId" IS DISTINCT FROM NEW."userId")
EXECUTE FUNCTION "access_epoch_bump"();
CREATE TRIGGER "UserSession_access_epoch_delete" AFTER DELETE ON "UserSession" FOR EACH ROW
EXECUTE FUNCTION "access_epoch_bump"();

-- People: what a session carries of them.
CREATE TRIGGER "User_access_epoch" AFTER UPDATE ON "User" FOR EACH ROW
WHEN (OLD."email" IS DISTINCT FROM NEW."email" OR OLD."name" IS DISTINCT FROM NEW."name")
EXECUTE FUNCTION "access_epoch_bump"();
CREATE TRIGGER "User_access_epoch_delete" AFTER DELETE ON "User" FOR EACH ROW
EXECUTE FUNCTION "access_epoch_bump"();

-- Keys: what a read decides with (owner, account, permissions, status: an emergency stop, a
-- failure, Replace), and the first success (the account budget applies from then). Not the
-- lastSuccessAt/lastUsedAt touches of a key that already had a success.
CREATE TRIGGER "ApiKey_access_epoch" AFTER UPDATE ON "ApiKey" FOR EACH ROW
WHEN (
  OLD."ownerId" IS DISTINCT FROM NEW."ownerId" OR OLD."accountId" IS DISTINCT FROM NEW."accountId"
  OR OLD."scopes" IS DISTINCT FROM NEW."scopes" OR OLD."status" IS DISTINCT FROM NEW."status"
  OR OLD."label" IS DISTINCT FROM NEW."label" OR OLD."id" IS DISTINCT FROM NEW."id"
  OR (OLD."lastSuccessAt" IS NULL) <> (NEW."lastSuccessAt" IS NULL)
)
EXECUTE FUNCTION "access_epoch_bump"();
CREATE TRIGGER "ApiKey_access_epoch_delete" AFTER DELETE ON "ApiKey" FOR EACH ROW
EXECUTE FUNCTION "access_epoch_bump"();

-- Shares and team membership: every change (share, unshare, hide amounts, allow exports, join,
-- leave, removal, a team deleted with its members and shares).
CREATE TRIGGER "KeyShare_access_epoch" AFTER INSERT OR UPDATE OR DELETE ON "KeyShare" FOR EACH ROW
EXECUTE FUNCTION "access_epoch_bump"();
CREATE TRIGGER "TeamMember_access_epoch" AFTER INSERT OR UPDATE OR DELETE ON "TeamMember" FOR EACH ROW
EXECUTE FUNCTION "access_epoch_bump"();
