// Sign-in under abuse (issue 15, part 4), against real PostgreSQL: a parallel burst gets no
// more guesses than a serial one, one attacking IP cannot lock the owner out, and the
// limits are per (e-mail, IP) pair with a per-e-mail ceiling and a per-IP cap.
import { generate } from "otplib";
import { db, disconnectDb } from "@/lib/db";
import { checkCredentials } from "@/lib/auth/credentials";
import { resetSignInLimiterForTests, SIGN_IN_LIMITS } from "@/lib/auth/sign-in-limiter";
import { newTestUser, TEST_PASSWORD } from "../../helpers/users";
import { enableTwoFactorForTest } from "../../helpers/two-factor";

afterAll(async () => {
  await disconnectDb();
});
beforeEach(() => resetSignInLimiterForTests());

/** Codes actually checked for this user: each checked wrong code leaves one audit row. */
async function codesVerified(userId: string): Promise<number> {
  const rows = await db.auditEvent.findMany({
    where: { actorId: userId, action: "auth.sign_in", outcome: "failure" },
    select: { detail: true },
  });
  return rows.filter((r) => (r.detail as { factor?: string } | null)?.factor === "totp").length;
}

it("200 parallel sign-ins with the right password and wrong codes: at most 5 codes are verified", async () => {
  const u = await newTestUser("burst");
  await enableTwoFactorForTest(u.id);
  const results = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      checkCredentials(u.email, TEST_PASSWORD, "198.51.100.10", String(100000 + i)),
    ),
  );
  const verified = await codesVerified(u.id);
  console.log(`burst: ${verified} codes verified out of 200 parallel tries`);
  expect(verified).toBeLessThanOrEqual(SIGN_IN_LIMITS.perPair.points);
  expect(results.filter((r) => !r.ok && r.reason === "rate_limited")).toHaveLength(200 - verified);
  expect(results.some((r) => r.ok)).toBe(false);
});

it("the owner signs in from another IP while an attacker hammers the same e-mail from one IP", async () => {
  const u = await newTestUser("owner");
  const attacker = await Promise.all(
    Array.from({ length: 60 }, () => checkCredentials(u.email, "not the password at all", "203.0.113.66")),
  );
  expect(attacker.filter((r) => !r.ok && r.reason === "rate_limited").length).toBeGreaterThanOrEqual(
    60 - SIGN_IN_LIMITS.perPair.points,
  );
  const owner = await checkCredentials(u.email, TEST_PASSWORD, "192.0.2.10");
  expect(owner.ok).toBe(true);
  // The attacker's own address stays refused, even with the right password.
  expect(await checkCredentials(u.email, TEST_PASSWORD, "203.0.113.66")).toMatchObject({
    ok: false,
    reason: "rate_limited",
  });
});

it("the owner with two-factor on still signs in from another IP during the attack", async () => {
  const u = await newTestUser("owner2fa");
  const secret = await enableTwoFactorForTest(u.id);
  await Promise.all(
    Array.from({ length: 50 }, (_, i) => checkCredentials(u.email, TEST_PASSWORD, "203.0.113.67", String(200000 + i))),
  );
  expect(await codesVerified(u.id)).toBeLessThanOrEqual(SIGN_IN_LIMITS.perPair.points);
  const owner = await checkCredentials(u.email, TEST_PASSWORD, "192.0.2.11", await generate({ secret }));
  expect(owner.ok).toBe(true);
});

it("the e-mail's ceiling holds against many addresses, and no single address can reach it", async () => {
  const u = await newTestUser("ceiling");
  const perPair = SIGN_IN_LIMITS.perPair.points;
  expect(perPair).toBeLessThan(SIGN_IN_LIMITS.perAccount.points);
  const addresses = Math.ceil(SIGN_IN_LIMITS.perAccount.points / perPair);
  for (let a = 0; a < addresses; a++) {
    await Promise.all(
      Array.from({ length: perPair + 3 }, () =>
        checkCredentials(u.email, "not the password at all", `203.0.113.${100 + a}`),
      ),
    );
  }
  const blocked = await checkCredentials(u.email, TEST_PASSWORD, "192.0.2.12");
  expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
  if (blocked.ok || blocked.reason !== "rate_limited") throw new Error("expected rate_limited");
  expect(blocked.retryAfterSeconds).toBeLessThanOrEqual(SIGN_IN_LIMITS.perAccount.durationSeconds);
});

it("a correct sign-in refunds its point and forgets the pair's failures", async () => {
  const u = await newTestUser("refund");
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < SIGN_IN_LIMITS.perPair.points - 1; i++)
      await checkCredentials(u.email, "not the password at all", "198.51.100.20");
    expect((await checkCredentials(u.email, TEST_PASSWORD, "198.51.100.20")).ok).toBe(true);
  }
  // Twenty correct sign-ins in a row are never limited (each point comes back).
  for (let i = 0; i < 20; i++) expect((await checkCredentials(u.email, TEST_PASSWORD, "198.51.100.21")).ok).toBe(true);
});

it("a right password without a code asks for the code and costs no guess", async () => {
  const u = await newTestUser("nocode");
  await enableTwoFactorForTest(u.id);
  for (let i = 0; i < 10; i++)
    expect(await checkCredentials(u.email, TEST_PASSWORD, "198.51.100.30")).toEqual({
      ok: false,
      reason: "totp_required",
    });
});
