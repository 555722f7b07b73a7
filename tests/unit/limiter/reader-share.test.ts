// The reader share's rules with a moved clock: a member's refresh needs a cached answer at least
// 5 s old and at most 3 a minute per member and key; members together get at most their
// percentage of the account's minute, given back when a call doesn't happen.
import { MEMBER_REFRESH_MIN_AGE_MS, MEMBER_REFRESHES_PER_MINUTE, ReaderShare } from "@/lib/limiter/reader-share";

let now = Date.parse("2026-12-01T12:00:00Z");
beforeEach(() => {
  jest.spyOn(Date, "now").mockImplementation(() => now);
});
afterEach(() => jest.restoreAllMocks());

const share = (percent = 25) =>
  new ReaderShare({ redis: null, keyPrefix: "t", accountPerMinute: 180, memberSharePercent: percent });

it("declines a refresh of a younger answer, and more than 3 a minute per member and key", async () => {
  const s = share();
  const cachedAt = now;
  now += MEMBER_REFRESH_MIN_AGE_MS - 1;
  expect(await s.declineRefresh("m1", "k1", cachedAt)).toEqual({ reason: "too_soon", retryAfterMs: 1 });
  now += 1;
  for (let i = 0; i < MEMBER_REFRESHES_PER_MINUTE; i++) expect(await s.declineRefresh("m1", "k1", cachedAt)).toBeNull();
  expect(await s.declineRefresh("m1", "k1", cachedAt)).toMatchObject({ reason: "too_often" });
  // Another member, or the same member on another key, has refreshes of their own.
  expect(await s.declineRefresh("m2", "k1", cachedAt)).toBeNull();
  expect(await s.declineRefresh("m1", "k2", cachedAt)).toBeNull();
  // A rolling minute later the member may refresh again.
  now += 60_000;
  expect(await s.declineRefresh("m1", "k1", cachedAt)).toBeNull();
  // Nothing cached: nothing to be too young, only the count applies.
  expect(await s.declineRefresh("m3", "k1", null)).toBeNull();
});

it("members together get their share of the account's minute; a call that didn't happen is given back", async () => {
  const s = share(25);
  expect(s.memberCallsPerMinute).toBe(45);
  const taken = [];
  for (let i = 0; i < 45; i++) {
    const t = await s.takeMemberCall("acct");
    if (!t.ok) throw new Error("refused early");
    taken.push(t);
    now += 100;
  }
  const refused = await s.takeMemberCall("acct");
  expect(refused).toMatchObject({ ok: false });
  if (refused.ok) throw new Error("unreachable");
  // The oldest call leaves the rolling minute first.
  expect(refused.retryAfterMs).toBe(60_000 - 45 * 100);
  expect(await s.memberCallsUsed("acct")).toBe(45);
  await taken[0]!.giveBack();
  expect(await s.memberCallsUsed("acct")).toBe(44);
  expect((await s.takeMemberCall("acct")).ok).toBe(true);
  // Another account is untouched.
  expect((await s.takeMemberCall("other")).ok).toBe(true);
});

it("the share is at most half: the owner always keeps the other half", () => {
  expect(share(90).memberSharePercent).toBe(50);
  expect(share(90).memberCallsPerMinute).toBe(90);
  expect(share(0).memberCallsPerMinute).toBeGreaterThanOrEqual(1);
});
