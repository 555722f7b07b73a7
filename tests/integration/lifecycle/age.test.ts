// Key age and status timeline: the timeline comes from the audit log, the
// age counts from the key in use (a Replace restarts it), and past KEY_ROTATE_AFTER_DAYS
// (default 180) the reminder is due.
import { getEnv, resetEnvCache } from "@/lib/env";
import { db } from "@/lib/db";
import { newTestUser } from "../../helpers/users";
import { simulatorSuite } from "../../helpers/simulator-suite";

const suite = simulatorSuite({ seed: "lifecycle-age", env: { REDIS_URL: "" } });
const mint = (account: string) => suite.mint(account);

beforeAll(() => {
  delete process.env.KEY_ROTATE_AFTER_DAYS;
  resetEnvCache();
});

it("the age and the rotate reminder follow the configured days", async () => {
  const { keyAge } = await import("@/lib/keys/age");
  expect(getEnv().KEY_ROTATE_AFTER_DAYS).toBe(180);
  const now = new Date("2026-11-30T12:00:00Z");
  const created = new Date("2026-01-01T00:00:00Z");
  expect(keyAge({ issuedAt: null, createdAt: created }, null, now, 180)).toEqual({
    since: "2026-01-01T00:00:00.000Z",
    days: 333,
    rotateAfterDays: 180,
    rotateDue: true,
  });
  // A Replace restarts the age; an issue date (the key's claims) wins when known.
  expect(keyAge({ issuedAt: null, createdAt: created }, new Date("2026-11-01T12:00:00Z"), now, 180)).toMatchObject({
    days: 29,
    rotateDue: false,
  });
  expect(keyAge({ issuedAt: new Date("2026-05-01T00:00:00Z"), createdAt: created }, null, now, 213).rotateDue).toBe(
    true,
  );
  process.env.KEY_ROTATE_AFTER_DAYS = "30";
  resetEnvCache();
  expect(getEnv().KEY_ROTATE_AFTER_DAYS).toBe(30);
  delete process.env.KEY_ROTATE_AFTER_DAYS;
  resetEnvCache();
});

it("the timeline lists the key's status changes from the audit log, newest first", async () => {
  const { addKeyForUser } = await import("@/lib/keys/add-key");
  const { recheckKeyForOwner } = await import("@/lib/keys/recheck-key");
  const { replaceKeyForOwner } = await import("@/lib/keys/replace");
  const { keyLifecycle } = await import("@/lib/keys/age");
  const owner = await newTestUser("age-owner");
  const first = await mint("age");
  const added = await addKeyForUser({ user: owner, steppedUp: true }, { label: "Aging", key: first.key });
  if (!added.ok) throw new Error(added.message);
  await suite.revoke(first.jti);
  await recheckKeyForOwner(owner, added.keyRowId);
  const next = await mint("age");
  expect(await replaceKeyForOwner({ user: owner, steppedUp: true }, added.keyRowId, next.key)).toMatchObject({
    ok: true,
  });
  const row = await db.apiKey.findUniqueOrThrow({ where: { id: added.keyRowId } });
  // An old entry: the age counts from the replacement, not from when the entry was made.
  await db.apiKey.update({ where: { id: row.id }, data: { createdAt: new Date(Date.now() - 400 * 86_400_000) } });
  const { age, timeline } = await keyLifecycle({
    id: row.id,
    issuedAt: null,
    createdAt: new Date(Date.now() - 400 * 86_400_000),
  });
  expect(timeline.map((e) => [e.action, e.outcome, e.status])).toEqual([
    ["key.replace", "success", "active"],
    ["key.check", "failure", null],
    ["key.add", "success", null],
  ]);
  expect(age).toMatchObject({ days: 0, rotateDue: false, rotateAfterDays: 180 });
});
