-- Portfolio home speed (issue 20): each key's value at the end of each UTC day (its last
-- snapshot that day) and the day's summed price effects, so the 30-day, 1-year and all-time
-- figures read one row per key and day instead of every stored point. Kept right by triggers on
-- "KeySnapshot", whichever path writes it (the read hook, the hourly job, downsampling, a backfill
-- of older days, a key's deletion).
CREATE TABLE "KeyDailyTotal" (
    "keyId" TEXT NOT NULL,
    "day" TIMESTAMP(3) NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,
    "totalEur" DECIMAL NOT NULL,
    "priceEffectEur" DECIMAL,

    CONSTRAINT "KeyDailyTotal_pkey" PRIMARY KEY ("keyId", "day")
);

ALTER TABLE "KeyDailyTotal" ADD CONSTRAINT "KeyDailyTotal_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Recomputes one key's day from its snapshots (at most 24, one per hour, through the (keyId, at)
-- index): the day's last point and the sum of the day's price effects (NULL when none has one),
-- or no row when no point is left.
-- Bodies are escape strings with \073 for their semicolons: the CLI's driver adapter splits a
-- migration script at every semicolon, dollar quotes included.
CREATE FUNCTION "key_daily_total_refresh"(k TEXT, d TIMESTAMP) RETURNS VOID LANGUAGE plpgsql AS E'DECLARE
  last_at TIMESTAMP(3)\073
  last_total TEXT\073
  effect NUMERIC\073
BEGIN
  SELECT s.at, s."totalEur" INTO last_at, last_total FROM "KeySnapshot" s
  WHERE s."keyId" = k AND s.at >= d AND s.at < d + interval ''1 day'' ORDER BY s.at DESC LIMIT 1\073
  IF last_at IS NULL THEN
    DELETE FROM "KeyDailyTotal" t WHERE t."keyId" = k AND t.day = d\073
    RETURN\073
  END IF\073
  SELECT sum(s."priceEffectEur") INTO effect FROM "KeySnapshot" s
  WHERE s."keyId" = k AND s.at >= d AND s.at < d + interval ''1 day''\073
  INSERT INTO "KeyDailyTotal" ("keyId", day, "lastAt", "totalEur", "priceEffectEur")
  VALUES (k, d, last_at, last_total::numeric, effect)
  ON CONFLICT ("keyId", day) DO UPDATE
  SET "lastAt" = EXCLUDED."lastAt", "totalEur" = EXCLUDED."totalEur", "priceEffectEur" = EXCLUDED."priceEffectEur"\073
END';

-- Every change recomputes the day it touches (an update that moves a point, both days). Row
-- triggers of a multi-row statement run after the statement, so each sees its final state. An
-- inserted point gets its price effect from the "KeySnapshot_price_effect" trigger's update, and
-- its successor's changes likewise: those updates fire the update trigger below.
CREATE FUNCTION "key_daily_total_on_change"() RETURNS TRIGGER LANGUAGE plpgsql AS E'BEGIN
  IF TG_OP <> ''INSERT'' THEN
    PERFORM "key_daily_total_refresh"(OLD."keyId", date_trunc(''day'', OLD.at))\073
  END IF\073
  IF TG_OP = ''INSERT'' OR (TG_OP = ''UPDATE'' AND
    (NEW."keyId" <> OLD."keyId" OR date_trunc(''day'', NEW.at) <> date_trunc(''day'', OLD.at))) THEN
    PERFORM "key_daily_total_refresh"(NEW."keyId", date_trunc(''day'', NEW.at))\073
  END IF\073
  RETURN NULL\073
END';

CREATE TRIGGER "KeySnapshot_daily_total_insert" AFTER INSERT ON "KeySnapshot"
FOR EACH ROW EXECUTE FUNCTION "key_daily_total_on_change"();
CREATE TRIGGER "KeySnapshot_daily_total_delete" AFTER DELETE ON "KeySnapshot"
FOR EACH ROW EXECUTE FUNCTION "key_daily_total_on_change"();
CREATE TRIGGER "KeySnapshot_daily_total_update" AFTER UPDATE OF "keyId", at, "totalEur", "priceEffectEur"
ON "KeySnapshot" FOR EACH ROW EXECUTE FUNCTION "key_daily_total_on_change"();

-- TRUNCATE fires no row triggers: empty the daily totals with it.
CREATE FUNCTION "key_daily_total_on_truncate"() RETURNS TRIGGER LANGUAGE plpgsql AS E'BEGIN
  TRUNCATE "KeyDailyTotal"\073
  RETURN NULL\073
END';
CREATE TRIGGER "KeySnapshot_daily_total_truncate" AFTER TRUNCATE ON "KeySnapshot"
FOR EACH STATEMENT EXECUTE FUNCTION "key_daily_total_on_truncate"();

-- The snapshots stored so far.
INSERT INTO "KeyDailyTotal" ("keyId", day, "lastAt", "totalEur", "priceEffectEur")
SELECT DISTINCT ON ("keyId", date_trunc('day', at)) "keyId", date_trunc('day', at), at, "totalEur"::numeric,
  sum("priceEffectEur") OVER (PARTITION BY "keyId", date_trunc('day', at))
FROM "KeySnapshot" ORDER BY "keyId", date_trunc('day', at), at DESC;
