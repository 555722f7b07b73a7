// The owner can't be locked out (device tokens), against real PostgreSQL: 5 wrong passwords
// from each of 4 addresses spend the e-mail's ceiling for new browsers, yet the owner's known
// browser gets in at once with the right password; a brand-new browser is refused, and after
// the lock the owner is told how many failures came from how many addresses (an alert).
import { generate } from "otplib";
import { db, disconnectDb } from "@/lib/db";
import { checkCredentials } from "@/lib/sign-in/credentials";
import { resetSignInLimiterForTests, SIGN_IN_LIMITS } from "@/lib/factors/sign-in-limiter";
import { deviceFor, renewDeviceCookie } from "@/lib/factors/device-token";
import { failedSignInsSinceLastSignIn, reportFailedSignIns, signInReportFor } from "@/lib/sign-in/sign-in-report";
import { recordAudit } from "@/lib/audit/record";
import { newTestUser, TEST_PASSWORD } from "../../helpers/users";
import { enableTwoFactorForTest } from "../../helpers/two-factor";

afterAll(async () => {
  await disconnectDb();
});
beforeEach(() => resetSignInLimiterForTests());

/** The attack of the report: 5 wrong passwords from each of 4 addresses (20 in all). */
async function fourAddressAttack(email: string): Promise<void> {
  for (let a = 0; a < 4; a++)
    for (let i = 0; i < SIGN_IN_LIMITS.perPair.points; i++)
      await checkCredentials(email, "not the password at all", `203.0.113.${10 + a}`);
}

it("after the 4-address attack, the owner's known browser signs in at once; a new browser is refused", async () => {
  const u = await newTestUser("lockout");
  // The owner signed in from this browser before: it carries the device token the sign-in set.
  const ownBrowser = renewDeviceCookie(null, u.email).value;
  await fourAddressAttack(u.email);
  expect(SIGN_IN_LIMITS.perPair.points * 4).toBeGreaterThanOrEqual(SIGN_IN_LIMITS.perAccount.points);
  // Own browser, from a fifth address or from one of the attacker's: the right password gets in.
  expect(await checkCredentials(u.email, TEST_PASSWORD, "192.0.2.50", undefined, ownBrowser)).toMatchObject({
    ok: true,
    knownDevice: true,
  });
  expect(await checkCredentials(u.email, TEST_PASSWORD, "203.0.113.10", undefined, ownBrowser)).toMatchObject({
    ok: true,
  });
  // A brand-new browser (no token, another account's token, a forged one) meets the e-mail's ceiling.
  const other = renewDeviceCookie(null, "someone-else@example.test").value;
  const forged = ownBrowser.slice(0, -3) + (ownBrowser.endsWith("AAA") ? "BBB" : "AAA");
  for (const cookie of [null, other, forged])
    expect(await checkCredentials(u.email, TEST_PASSWORD, "192.0.2.51", undefined, cookie)).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
});

it("the known browser's guesses are limited per device, and spending them locks no one else out", async () => {
  const u = await newTestUser("perdevice");
  const stolen = renewDeviceCookie(null, u.email).value;
  const results = await Promise.all(
    Array.from({ length: 40 }, () => checkCredentials(u.email, "wrong guess", "203.0.113.20", undefined, stolen)),
  );
  expect(results.filter((r) => !r.ok && r.reason === "invalid_credentials")).toHaveLength(
    SIGN_IN_LIMITS.perDevice.points,
  );
  // Another of the owner's browsers (another device id) and a new browser are untouched by it.
  const laptop = renewDeviceCookie(null, u.email).value;
  expect(deviceFor(laptop, u.email)).not.toBe(deviceFor(stolen, u.email));
  expect((await checkCredentials(u.email, TEST_PASSWORD, "203.0.113.20", undefined, laptop)).ok).toBe(true);
  expect((await checkCredentials(u.email, TEST_PASSWORD, "192.0.2.60")).ok).toBe(true);
});

it("a renewed cookie keeps the device id and the other accounts' tokens", () => {
  const first = renewDeviceCookie(null, "a@example.test");
  const both = renewDeviceCookie(first.value, "b@example.test");
  const again = renewDeviceCookie(both.value, "a@example.test");
  expect(again.deviceId).toBe(first.deviceId);
  expect(deviceFor(again.value, "b@example.test")).toBe(both.deviceId);
  expect(deviceFor(again.value, "A@Example.test ")).toBe(first.deviceId);
  expect(deviceFor("d1.x.y.1.z", "a@example.test")).toBeNull();
});

it("two-factor codes keep their own limits; the known browser still gets its code checked", async () => {
  const u = await newTestUser("lockout2fa");
  const secret = await enableTwoFactorForTest(u.id);
  const ownBrowser = renewDeviceCookie(null, u.email).value;
  // Someone with the password guesses codes from many addresses: the account's code ceiling for new browsers.
  for (let a = 0; a < 4; a++)
    for (let i = 0; i < SIGN_IN_LIMITS.codePerPair.points; i++)
      await checkCredentials(u.email, TEST_PASSWORD, `203.0.113.${40 + a}`, String(100000 + a * 10 + i));
  expect(await checkCredentials(u.email, TEST_PASSWORD, "192.0.2.70", await generate({ secret }))).toMatchObject({
    ok: false,
    reason: "rate_limited",
  });
  const ok = await checkCredentials(u.email, TEST_PASSWORD, "192.0.2.70", await generate({ secret }), ownBrowser);
  expect(ok.ok).toBe(true);
});

it("the next sign-in reports the failures since the last one and from how many addresses, as an alert", async () => {
  const u = await newTestUser("report");
  await recordAudit({ actorId: u.id, action: "auth.sign_in", outcome: "success" });
  await fourAddressAttack(u.email);
  expect(await failedSignInsSinceLastSignIn(u.id)).toEqual({ failures: 20, addresses: 4 });
  const session = await db.userSession.create({ data: { userId: u.id } });
  await reportFailedSignIns(u.id, session.id);
  expect(await signInReportFor(u.id, session.id)).toEqual({ failures: 20, addresses: 4 });
  const alert = await db.alertState.findFirst({ where: { userId: u.id, condition: "sign_in_failures" } });
  expect(alert?.detail).toEqual({ failures: "20", addresses: "4" });
  // After this sign-in's own success row, the slate is clean.
  await recordAudit({ actorId: u.id, action: "auth.sign_in", outcome: "success" });
  expect(await failedSignInsSinceLastSignIn(u.id)).toEqual({ failures: 0, addresses: 0 });
  const quiet = await db.userSession.create({ data: { userId: u.id } });
  await reportFailedSignIns(u.id, quiet.id);
  expect(await signInReportFor(u.id, quiet.id)).toBeNull();
});
