-- Portfolio home speed: each snapshot carries its price effect since the key's previous snapshot
-- (Σ previous amount × (price − previous price) over currencies priced in both, exact numeric), so
-- a range's price effect is a sum over an index range instead of a window over every JSON row.
-- Downsampling folds a removed point's effect into the next kept point (lib/portfolio/downsample.ts).
ALTER TABLE "KeySnapshot" ADD COLUMN "priceEffectEur" DECIMAL;

-- The price effect from one snapshot's rows to the next one's.
CREATE FUNCTION "snapshot_price_effect"(prev JSONB, cur JSONB) RETURNS NUMERIC
LANGUAGE SQL IMMUTABLE AS $$
  SELECT coalesce(sum(p.amount::numeric * (c."priceEur"::numeric - p."priceEur"::numeric)), 0)
  FROM jsonb_to_recordset(prev) AS p(currency TEXT, amount TEXT, "priceEur" TEXT)
  JOIN jsonb_to_recordset(cur) AS c(currency TEXT, amount TEXT, "priceEur" TEXT) ON c.currency = p.currency
  WHERE p."priceEur" IS NOT NULL AND c."priceEur" IS NOT NULL
$$;

-- Every write path (the read hook, the job, bulk inserts) gets the effect: the new point's since
-- its predecessor, and its successor's since the new point (an older point inserted later).
-- A point with no predecessor has none (NULL).
-- The body is an escape string with \073 for its semicolons: the CLI's driver adapter splits a
-- migration script at every semicolon, dollar quotes included. Two updates by primary key (an OR
-- of both would scan the table on every insert).
CREATE FUNCTION "snapshot_price_effect_on_insert"() RETURNS TRIGGER LANGUAGE plpgsql AS E'DECLARE
  next_id TEXT\073
BEGIN
  UPDATE "KeySnapshot" s SET "priceEffectEur" = (
    SELECT "snapshot_price_effect"(p.rows, s.rows) FROM "KeySnapshot" p
    WHERE p."keyId" = s."keyId" AND p.at < s.at ORDER BY p.at DESC LIMIT 1)
  WHERE s.id = NEW.id\073
  SELECT n.id INTO next_id FROM "KeySnapshot" n
  WHERE n."keyId" = NEW."keyId" AND n.at > NEW.at ORDER BY n.at LIMIT 1\073
  IF next_id IS NOT NULL THEN
    UPDATE "KeySnapshot" s SET "priceEffectEur" = "snapshot_price_effect"(NEW.rows, s.rows) WHERE s.id = next_id\073
  END IF\073
  RETURN NULL\073
END';

CREATE TRIGGER "KeySnapshot_price_effect" AFTER INSERT ON "KeySnapshot"
FOR EACH ROW EXECUTE FUNCTION "snapshot_price_effect_on_insert"();

-- The snapshots stored so far.
UPDATE "KeySnapshot" s SET "priceEffectEur" = "snapshot_price_effect"(p.prev, s.rows)
FROM (SELECT id, lag(rows) OVER (PARTITION BY "keyId" ORDER BY at) AS prev FROM "KeySnapshot") p
WHERE p.id = s.id AND p.prev IS NOT NULL;
