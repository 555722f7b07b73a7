// The portfolio home's daily totals: "KeyDailyTotal" holds each key's last snapshot of
// each UTC day, kept by database triggers whichever way snapshots are written (inserts, a backfill
// of older days, updates, deletes, downsampling, a key's deletion). The home's 30 d / 1 y / all
// charts read it; on the same data they give exactly the answer of the every-point reading, for
// the owner and for a member whose share hides one key's amounts (that key adds nothing).
import { db, disconnectDb } from "@/lib/db";
import { createTeam } from "@/lib/teams/teams";
import { acceptInvitation, createInvitation } from "@/lib/teams/invitations";
import type { CurrentUser } from "@/lib/sessions/session";
import { readPortfolioHome } from "@/lib/portfolio/home";
import { rangeReadsFromPoints } from "@/lib/portfolio/range-reads";
import { downsampleSnapshots } from "@/lib/portfolio/downsample";
import { RANGES } from "@/lib/portfolio/series";
import { newTestUser } from "../../helpers/users";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date("2026-06-20T12:30:00Z");
let owner: CurrentUser, member: CurrentUser;
const keys: string[] = [];

// A small deterministic generator: totals with up to 4 decimals, so rounding to cents is exercised.
let seed = 20;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
const total = () => (1000 + rand() * 90_000).toFixed(1 + Math.floor(rand() * 4));
const point = (keyId: string, t: number) => ({
  keyId,
  at: new Date(t),
  hour: new Date(Math.floor(t / HOUR) * HOUR),
  totalEur: total(),
  // A moving price, so each point carries a price effect (set by the database on insert).
  rows: [
    { currency: "BTC", amount: (rand() * 2).toFixed(5), priceEur: (20_000 + rand() * 999).toFixed(2), valueEur: null },
  ],
  source: "job",
});

async function newKey(label: string): Promise<string> {
  const k = await db.apiKey.create({
    data: {
      ownerId: owner.id,
      label,
      keyId: `daily-${label}-${Date.now()}`,
      accountId: `acct-${label}`,
      scopes: ["READ_ONLY"],
      ips: [],
      fragment: "…",
      secretCiphertext: Buffer.from("x"),
      secretWrappedKey: Buffer.from("x"),
      masterKeyVersion: "v1",
    },
  });
  keys.push(k.id);
  return k.id;
}

/** The daily totals (last total, summed price effects) as stored, and as recomputed from the
 * snapshots: they must be equal. */
async function dailyTotals() {
  const stored = await db.$queryRaw<{ keyId: string; day: Date; lastAt: Date; total: string; effect: string }[]>`
    SELECT "keyId", day, "lastAt", "totalEur"::text AS total, "priceEffectEur"::text AS effect FROM "KeyDailyTotal"
    WHERE "keyId" = ANY(${keys}::text[]) ORDER BY "keyId", day`;
  const fresh = await db.$queryRaw<typeof stored>`
    SELECT DISTINCT ON ("keyId", date_trunc('day', at)) "keyId", date_trunc('day', at) AS day, at AS "lastAt",
      "totalEur"::numeric::text AS total,
      (sum("priceEffectEur") OVER (PARTITION BY "keyId", date_trunc('day', at)))::text AS effect
    FROM "KeySnapshot" WHERE "keyId" = ANY(${keys}::text[]) ORDER BY "keyId", date_trunc('day', at), at DESC`;
  return { stored, fresh };
}

/** Every range, for both people: the home from daily totals equals the home from every point. */
async function expectSameAnswers(when: string) {
  const { stored, fresh } = await dailyTotals();
  expect(stored.filter((d) => d.effect && d.effect !== "0").length).toBeGreaterThan(10);
  expect({ when, daily: stored }).toEqual({ when, daily: fresh });
  for (const who of [owner, member])
    for (const range of RANGES) {
      const before = await readPortfolioHome(who, range, NOW, rangeReadsFromPoints);
      const after = await readPortfolioHome(who, range, NOW);
      expect({ when, range, home: after }).toEqual({ when, range, home: before });
    }
}

beforeAll(async () => {
  [owner, member] = await Promise.all([newTestUser("daily-own"), newTestUser("daily-mem")]);
  const [a, b, hidden] = [await newKey("a"), await newKey("b"), await newKey("hidden")];
  const teamId = await createTeam(owner, "Daily team");
  const { token } = await createInvitation(owner, teamId, member.email, "member");
  await acceptInvitation(member, token);
  await db.keyShare.create({ data: { keyId: a, teamId, hideAmounts: false, allowExport: false } });
  await db.keyShare.create({ data: { keyId: hidden, teamId, hideAmounts: true, allowExport: false } });
  // 40 days of hourly points (b starts later and skips some hours), as the job would store them.
  const start = NOW.getTime() - 40 * DAY;
  for (const [keyId, from, step] of [
    [a, start, 1],
    [b, start + 12 * DAY + 5 * HOUR, 3],
    [hidden, start, 2],
  ] as const) {
    const data = [];
    for (let t = from; t <= NOW.getTime(); t += step * HOUR) data.push(point(keyId, t));
    await db.keySnapshot.createMany({ data });
  }
});
afterAll(async () => {
  await db.apiKey.deleteMany({ where: { id: { in: keys } } });
  await disconnectDb();
});

it("gives the same home as every point, for each range and person, whatever writes the snapshots", async () => {
  const [a, b, hidden] = keys as [string, string, string];
  await expectSameAnswers("hourly points");

  // Downsampling: older days keep their first and last point (the day's last is unchanged).
  expect(await downsampleSnapshots(NOW)).toBeGreaterThan(0);
  await expectSameAnswers("after downsampling");

  // A backfill of older days (before the first snapshot): one point per day.
  const first = NOW.getTime() - 40 * DAY;
  await db.keySnapshot.createMany({
    data: Array.from({ length: 90 }, (_, i) => point(a, first - (i + 1) * DAY + 7 * HOUR)),
  });
  await expectSameAnswers("after a backfill");

  // A point inserted late into a day it is not the last of, and one that becomes a day's last.
  const day = Math.floor((NOW.getTime() - 20 * DAY) / DAY) * DAY;
  await db.keySnapshot.createMany({ data: [point(b, day + 10 * HOUR + 60_000), point(hidden, day + 23 * HOUR + 1)] });
  await expectSameAnswers("after points inserted into stored days");

  // An upsert-style correction of a day's last total, and a point moved to another day.
  const last = await db.keySnapshot.findFirstOrThrow({
    where: { keyId: a, at: { lt: new Date(day + DAY) } },
    orderBy: { at: "desc" },
  });
  await db.keySnapshot.update({ where: { id: last.id }, data: { totalEur: "12345.6789" } });
  const moved = await db.keySnapshot.findFirstOrThrow({ where: { keyId: b }, orderBy: { at: "asc" } });
  const to = new Date(moved.at.getTime() - 3 * DAY);
  await db.keySnapshot.update({ where: { id: moved.id }, data: { at: to, hour: to } });
  await expectSameAnswers("after updates");

  // Deleting a day's last point, and a whole day.
  await db.keySnapshot.delete({ where: { id: last.id } });
  await db.keySnapshot.deleteMany({ where: { keyId: b, at: { gte: new Date(day), lt: new Date(day + DAY) } } });
  await expectSameAnswers("after deletes");
  expect(await db.keyDailyTotal.count({ where: { keyId: b, day: new Date(day) } })).toBe(0);

  // The hidden key adds no amount for the member: their chart is key a's alone.
  const mine = await readPortfolioHome(member, "all", NOW);
  const aOnly = await rangeReadsFromPoints.chart([a], null, "all");
  expect(mine.points).toEqual(aOnly);
  expect(mine.keys.find((k) => k.id === hidden)).toMatchObject({ amountsHidden: true, valueEur: null, partPct: null });

  // A deleted key takes its daily totals with it.
  await db.apiKey.delete({ where: { id: hidden } });
  expect(await db.keyDailyTotal.count({ where: { keyId: hidden } })).toBe(0);
  keys.splice(keys.indexOf(hidden), 1);
  await expectSameAnswers("after a key's deletion");
}, 120_000);
