// Step-up under abuse: checks are limited per user like sign-in (points
// taken before the check, refunded when right), and turning two-factor sign-in on needs step-up.
import { generate } from "otplib";
import type { CurrentUser } from "@/lib/sessions/session";
import { db, disconnectDb } from "@/lib/db";
import { newTestUser, TEST_PASSWORD } from "../../helpers/users";
import { enableTwoFactorForTest } from "../../helpers/two-factor";

const jar = new Map<string, string>();
jest.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  }),
  headers: async () => new Headers({ "x-request-id": "req-step-up-test" }),
}));
let actingAs: CurrentUser | null = null;
jest.mock("@/lib/sessions/session", () => ({
  requireUser: async () => {
    if (!actingAs) throw new (jest.requireActual("@/lib/errors").AppError)("unauthorized", "error.signIn");
    return actingAs;
  },
  getCurrentUser: async () => actingAs,
}));
jest.mock("next/cache", () => ({ revalidatePath: () => undefined }));

import { stepUpWith } from "@/lib/factors/step-up-with";
import { resetSignInLimiterForTests, SIGN_IN_LIMITS } from "@/lib/factors/sign-in-limiter";
import { beginTotpAction } from "@/lib/factors/totp-actions";

afterAll(async () => {
  await disconnectDb();
});
beforeEach(() => {
  jar.clear();
  resetSignInLimiterForTests();
});

const failures = (userId: string) =>
  db.auditEvent.count({ where: { actorId: userId, action: "auth.step_up", outcome: "failure" } });

it("50 parallel wrong step-up passwords: at most 5 are checked, the rest are refused with their own message", async () => {
  const u = await newTestUser("stepup");
  const results = await Promise.allSettled(
    Array.from({ length: 50 }, (_, i) => stepUpWith(u, `wrong password number ${i}`)),
  );
  const checked = await failures(u.id);
  console.log(`step-up burst: ${checked} passwords checked out of 50 parallel tries`);
  expect(checked).toBeLessThanOrEqual(SIGN_IN_LIMITS.stepUpPerUser.points);
  const refused = results.filter((r) => r.status === "rejected");
  expect(refused).toHaveLength(50 - checked);
  for (const r of refused)
    expect((r as PromiseRejectedResult).reason).toMatchObject({
      code: "rate_limited",
      messageKey: "auth.stepUpLimited",
      values: { seconds: expect.any(Number) },
    });
  // Even the right password now waits; another user is not affected.
  await expect(stepUpWith(u, TEST_PASSWORD)).rejects.toMatchObject({ code: "rate_limited" });
  const other = await newTestUser("stepup-other");
  expect(await stepUpWith(other, TEST_PASSWORD)).toBe(true);
});

it("a right password refunds its point: twenty step-ups in a row are never limited", async () => {
  const u = await newTestUser("stepup-ok");
  for (let i = 0; i < 20; i++) expect(await stepUpWith(u, TEST_PASSWORD)).toBe(true);
  expect(await stepUpWith(u, "wrong password again")).toBe("wrong");
});

it("an account without a password (single sign-on) steps up with its two-factor code", async () => {
  const u = await newTestUser("stepup-sso");
  await db.user.update({ where: { id: u.id }, data: { passwordHash: null } });
  expect(await stepUpWith(u, "123456")).toBe("wrong");
  const secret = await enableTwoFactorForTest(u.id);
  expect(await stepUpWith(u, await generate({ secret }))).toBe(true);
});

it("turning two-factor sign-in on needs step-up", async () => {
  const u = await newTestUser("stepup-2fa");
  actingAs = u;
  const none = await beginTotpAction({}, new FormData());
  expect(none).toMatchObject({
    fields: { password: [expect.stringMatching(/to turn on two-factor sign-in/)] },
    requestId: "req-step-up-test",
  });
  expect(none.enrolment).toBeUndefined();
  const wrongForm = new FormData();
  wrongForm.set("password", "not my password at all");
  expect(await beginTotpAction({}, wrongForm)).toMatchObject({
    fields: { password: ["That password or code is not correct."] },
  });
  const rightForm = new FormData();
  rightForm.set("password", TEST_PASSWORD);
  const begun = await beginTotpAction({}, rightForm);
  expect(begun.enrolment?.secret).toMatch(/^[A-Z2-7]+$/);
  // With step-up live (the sealed cookie), no password is needed again for 10 minutes.
  await db.user.update({ where: { id: u.id }, data: {} });
  expect((await beginTotpAction({}, new FormData())).enrolment?.secret).toMatch(/^[A-Z2-7]+$/);
});
