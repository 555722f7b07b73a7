import { db, disconnectDb } from "@/lib/db";
import { registerUser } from "@/lib/sign-up/users";
import { checkCredentials } from "@/lib/sign-in/credentials";
import { resetSignInLimiterForTests, SIGN_IN_LIMITS } from "@/lib/factors/sign-in-limiter";
import { randomEmail } from "../../helpers/random";

const PASSWORD = "a long enough passphrase";

afterAll(async () => {
  await disconnectDb();
});

beforeEach(() => resetSignInLimiterForTests());

describe("sign-up", () => {
  it("creates a user with an argon2id hash, never the password", async () => {
    const email = randomEmail();
    const result = await registerUser({ email: email.toUpperCase(), password: PASSWORD, name: "Ada" });
    expect(result.ok).toBe(true);
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain(PASSWORD);
    const audit = await db.auditEvent.findFirst({ where: { actorId: user.id, action: "auth.sign_up" } });
    expect(audit?.outcome).toBe("success");
  });

  it("refuses a duplicate e-mail with a clear field error", async () => {
    const email = randomEmail();
    await registerUser({ email, password: PASSWORD });
    const again = await registerUser({ email, password: PASSWORD });
    expect(again).toEqual({
      ok: false,
      // Named by key; the sign-up action's guard puts it into the reader's language.
      fields: { email: ["error.emailTaken"] },
    });
  });

  it("refuses a weak password without creating the user", async () => {
    const email = randomEmail();
    const result = await registerUser({ email, password: "short" });
    expect(result.ok).toBe(false);
    expect(await db.user.count({ where: { email } })).toBe(0);
  });
});

describe("sign-in", () => {
  it("accepts the right password and rejects a wrong one", async () => {
    const email = randomEmail();
    await registerUser({ email, password: PASSWORD });
    const good = await checkCredentials(email, PASSWORD, "198.51.100.1");
    expect(good.ok && good.user.email).toBe(email);
    expect(await checkCredentials(email, "wrong password here", "198.51.100.1")).toEqual({
      ok: false,
      reason: "invalid_credentials",
    });
    expect(await checkCredentials(randomEmail(), PASSWORD, "198.51.100.1")).toEqual({
      ok: false,
      reason: "invalid_credentials",
    });
  });

  // The limit is per (e-mail, IP) pair, so failures from one address no
  // longer lock the account for everyone (the e-mail's own ceiling is in sign-in-abuse.test.ts).
  it("limits failed attempts per (e-mail, IP) pair, even with the right password afterwards", async () => {
    const email = randomEmail();
    await registerUser({ email, password: PASSWORD });
    for (let i = 0; i < SIGN_IN_LIMITS.perPair.points; i++) {
      expect((await checkCredentials(email, "wrong password here", "203.0.113.9")).ok).toBe(false);
    }
    const blocked = await checkCredentials(email, PASSWORD, "203.0.113.9");
    expect(blocked.ok).toBe(false);
    if (blocked.ok || blocked.reason !== "rate_limited") throw new Error("expected rate_limited");
    expect(blocked.retryAfterSeconds).toBeGreaterThan(0);
    expect(blocked.retryAfterSeconds).toBeLessThanOrEqual(SIGN_IN_LIMITS.perPair.durationSeconds);
    expect((await checkCredentials(email, PASSWORD, "203.0.113.200")).ok).toBe(true);
  });

  it("limits failed attempts per IP across many accounts", async () => {
    const ip = "192.0.2.77";
    for (let i = 0; i < SIGN_IN_LIMITS.perIp.points; i++)
      await checkCredentials(randomEmail(), "wrong password here", ip);
    const email = randomEmail();
    await registerUser({ email, password: PASSWORD });
    const blocked = await checkCredentials(email, PASSWORD, ip);
    expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
    expect((await checkCredentials(email, PASSWORD, "192.0.2.78")).ok).toBe(true);
  });

  it("a success clears the account's failure count", async () => {
    const email = randomEmail();
    await registerUser({ email, password: PASSWORD });
    for (let i = 0; i < SIGN_IN_LIMITS.perPair.points - 1; i++)
      await checkCredentials(email, "wrong password here", "198.51.100.9");
    expect((await checkCredentials(email, PASSWORD, "198.51.100.9")).ok).toBe(true);
    for (let i = 0; i < SIGN_IN_LIMITS.perPair.points - 1; i++)
      await checkCredentials(email, "wrong password here", "198.51.100.9");
    expect((await checkCredentials(email, PASSWORD, "198.51.100.9")).ok).toBe(true);
  });
});
