// Sign-in under abuse, against real PostgreSQL: a parallel burst gets no
// more guesses than a serial one, one attacking IP cannot lock the owner out, and the
// limits are per (e-mail, IP) pair with a per-e-mail ceiling and a per-IP cap. Passkeys: their
// ceremonies have limits of their own (per IP, per user), a challenge is tried at most once
// however many answers race for it, and password guesses never lock a passkey sign-in out.
import { generate } from "otplib";
import { db, disconnectDb } from "@/lib/db";
import { checkCredentials } from "@/lib/sign-in/credentials";
import { resetSignInLimiterForTests, SIGN_IN_LIMITS } from "@/lib/factors/sign-in-limiter";
import { newTestUser, TEST_PASSWORD } from "../../helpers/users";
import { enableTwoFactorForTest } from "../../helpers/two-factor";
import { CookieJar, SoftPasskey } from "../../helpers/webauthn";
import { getEnv } from "@/lib/env";
import type { CurrentUser } from "@/lib/sessions/session";

let browser = new CookieJar();
jest.mock("next/headers", () => ({
  cookies: async () => browser.api(),
  headers: async () => new Headers({ "x-request-id": "req-sign-in-abuse" }),
}));

afterAll(async () => {
  await (await import("@/lib/alerts/queue")).stopBoss();
  await disconnectDb();
});
beforeEach(async () => {
  resetSignInLimiterForTests();
  (await import("@/lib/passkeys/limits")).resetPasskeyLimitsForTests();
  browser = new CookieJar();
});

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

describe("passkeys", () => {
  const rp = async () => {
    const r = (await import("@/lib/passkeys/relying-party")).relyingParty(getEnv());
    if (!r.ok) throw new Error(r.problem);
    return r;
  };
  async function withPasskeys(prefix: string, count: number): Promise<{ user: CurrentUser; keys: SoftPasskey[] }> {
    const { beginRegistration, finishRegistration } = await import("@/lib/passkeys/registration");
    const u = await newTestUser(prefix);
    const user = { ...u, sessionId: (await db.userSession.create({ data: { userId: u.id } })).id };
    const keys: SoftPasskey[] = [];
    for (let i = 0; i < count; i++) {
      const key = new SoftPasskey(await rp());
      const begun = await beginRegistration(user, true);
      if (!begun.ok) throw new Error(begun.reason);
      const done = await finishRegistration(user, JSON.stringify(key.register(begun.options)), `Key ${i}`);
      if (!done.ok) throw new Error(done.reason);
      keys.push(key);
    }
    return { user, keys };
  }
  async function passkeySignIn(key: SoftPasskey, ip: string) {
    const { beginPasskeySignIn, finishPasskeySignIn } = await import("@/lib/passkeys/sign-in");
    browser = new CookieJar();
    const begun = await beginPasskeySignIn(ip);
    if (!begun.ok) return begun;
    return finishPasskeySignIn(JSON.stringify(key.assert(begun.options)), { ip, userAgent: null });
  }

  it("password guesses that reach the e-mail's ceiling never lock the account's passkey sign-in out", async () => {
    const { user, keys } = await withPasskeys("pk-ceiling", 1);
    const perPair = SIGN_IN_LIMITS.perPair.points;
    for (let a = 0; a < Math.ceil(SIGN_IN_LIMITS.perAccount.points / perPair) + 1; a++)
      await Promise.all(
        Array.from({ length: perPair + 2 }, () =>
          checkCredentials(user.email, "not the password at all", `203.0.113.${150 + a}`),
        ),
      );
    expect(await checkCredentials(user.email, TEST_PASSWORD, "192.0.2.40")).toMatchObject({ reason: "rate_limited" });
    // From an attacking address and from the owner's: the passkey signs in.
    expect(await passkeySignIn(keys[0]!, "203.0.113.150")).toMatchObject({ ok: true, user: { id: user.id } });
    expect(await passkeySignIn(keys[0]!, "192.0.2.40")).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it("a passwordless account: no password guess ever succeeds, and its passkey still signs in", async () => {
    const { user, keys } = await withPasskeys("pk-nopass", 2);
    const { grantStepUp } = await import("@/lib/factors/step-up");
    const { turnPasswordOff } = await import("@/lib/passkeys/manage");
    await grantStepUp(user, "passkey");
    expect(await turnPasswordOff(user, true)).toEqual({ ok: true });
    const tries = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        checkCredentials(user.email, i % 2 ? TEST_PASSWORD : `guess ${i}`, `198.51.100.${60 + (i % 8)}`),
      ),
    );
    expect(tries.some((r) => r.ok)).toBe(false);
    expect(await passkeySignIn(keys[1]!, "198.51.100.60")).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it("sign-in ceremonies per IP: the limit refuses further options (no challenge stored); another IP is unaffected", async () => {
    const { beginPasskeySignIn } = await import("@/lib/passkeys/sign-in");
    const { PASSKEY_LIMITS } = await import("@/lib/passkeys/limits");
    const ip = "203.0.113.201";
    const begun = [];
    // Each from a fresh browser (no cookie): a new challenge every time.
    for (let i = 0; i < PASSKEY_LIMITS.signInOptionsPerIp.points + 15; i++) {
      browser = new CookieJar();
      begun.push(await beginPasskeySignIn(ip));
    }
    expect(begun.filter((b) => b.ok)).toHaveLength(PASSKEY_LIMITS.signInOptionsPerIp.points);
    const refused = begun.filter((b) => !b.ok);
    expect(refused).toHaveLength(15);
    expect(refused.every((b) => !b.ok && b.reason === "rate_limited" && b.retryAfterSeconds > 0)).toBe(true);
    const challenges = await db.passkeyChallenge.count({
      where: { challenge: { in: begun.flatMap((b) => (b.ok ? [b.options.challenge] : [])) } },
    });
    expect(challenges).toBe(PASSKEY_LIMITS.signInOptionsPerIp.points);
    expect((await beginPasskeySignIn("203.0.113.202")).ok).toBe(true);
  });

  it("a reloaded sign-in page reuses its browser's unspent challenge: no new row, no point", async () => {
    const { beginPasskeySignIn } = await import("@/lib/passkeys/sign-in");
    const { PASSKEY_LIMITS } = await import("@/lib/passkeys/limits");
    const challenges = new Set<string>();
    for (let i = 0; i < PASSKEY_LIMITS.signInOptionsPerIp.points + 20; i++) {
      const b = await beginPasskeySignIn("203.0.113.205");
      if (!b.ok) throw new Error(`visit ${i}: ${b.reason}`);
      challenges.add(b.options.challenge);
    }
    expect(challenges.size).toBe(1);
    // Once it is spent (or expired), the next visit gets a new one.
    await db.passkeyChallenge.deleteMany({ where: { challenge: { in: [...challenges] } } });
    const next = await beginPasskeySignIn("203.0.113.205");
    expect(next.ok && !challenges.has(next.options.challenge)).toBe(true);
  });

  it("200 answers racing for one challenge: it is tried once, the rest find it spent; nothing changes", async () => {
    const { user, keys } = await withPasskeys("pk-race", 1);
    const { beginPasskeySignIn, finishPasskeySignIn } = await import("@/lib/passkeys/sign-in");
    browser = new CookieJar();
    const begun = await beginPasskeySignIn("203.0.113.210");
    if (!begun.ok) throw new Error(begun.reason);
    browser.replays = true; // every answer arrives with the same challenge cookie
    const answer = keys[0]!.assert(begun.options);
    const forged = {
      ...answer,
      response: { ...answer.response, signature: Buffer.alloc(70, 1).toString("base64url") },
    };
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        finishPasskeySignIn(JSON.stringify(forged), { ip: "203.0.113.210", userAgent: null }),
      ),
    );
    const reasons = results.map((r) => (r.ok ? "ok" : r.reason));
    expect(reasons.filter((r) => r === "invalid")).toHaveLength(1);
    expect(reasons.filter((r) => r === "challenge_expired")).toHaveLength(199);
    const row = await db.passkey.findFirstOrThrow({ where: { userId: user.id } });
    expect([row.counter, row.lastUsedAt]).toEqual([0n, null]);
  });

  it("signed-in ceremonies (register, step-up) are limited per user", async () => {
    const { user } = await withPasskeys("pk-user-limit", 1);
    const { beginPasskeyStepUp } = await import("@/lib/passkeys/step-up");
    const { PASSKEY_LIMITS } = await import("@/lib/passkeys/limits");
    const results = await Promise.all(
      Array.from({ length: PASSKEY_LIMITS.ceremoniesPerUser.points + 5 }, () => beginPasskeyStepUp(user)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(PASSKEY_LIMITS.ceremoniesPerUser.points - 1); // one went to registering
    expect(results.filter((r) => !r.ok && r.reason === "rate_limited")).toHaveLength(6);
  });
});
