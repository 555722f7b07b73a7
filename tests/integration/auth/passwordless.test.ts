// Going passwordless, against real PostgreSQL: only with two passkeys and a passkey step-up;
// then the old password, a two-factor code and single sign-on open nothing, the account keeps
// at least two passkeys (even under two removals at once), still owes its e-mail verification,
// counts as two-factor for Trade keys, signs in with a passkey, and can set a password again.
// Every passkey lost: the operator's recovery sets a one-time password and ends every session.
import { db, disconnectDb } from "@/lib/db";
import { getEnv, resetEnvCache } from "@/lib/env";
import type { CurrentUser } from "@/lib/sessions/session";
import { newTestUser, TEST_PASSWORD } from "../../helpers/users";
import { enableTwoFactorForTest } from "../../helpers/two-factor";
import { CookieJar, SoftPasskey } from "../../helpers/webauthn";

let browser = new CookieJar();
jest.mock("next/headers", () => ({
  cookies: async () => browser.api(),
  headers: async () => new Headers({ "x-request-id": "req-passwordless-test" }),
}));

import { generate } from "otplib";
import { relyingParty } from "@/lib/passkeys/relying-party";
import { beginRegistration, finishRegistration } from "@/lib/passkeys/registration";
import { beginPasskeySignIn, finishPasskeySignIn } from "@/lib/passkeys/sign-in";
import { beginPasskeyStepUp, finishPasskeyStepUp } from "@/lib/passkeys/step-up";
import { removePasskeyForUser, setPasswordAgain, turnPasswordOff } from "@/lib/passkeys/manage";
import { signInTakesTwoFactors } from "@/lib/factors/passkey-two-factor";
import { resetPasskeyLimitsForTests } from "@/lib/passkeys/limits";
import { passkeyStepUpLive, grantStepUp } from "@/lib/factors/step-up";
import { checkStepUpSecret } from "@/lib/factors/step-up-with";
import { checkCredentials } from "@/lib/sign-in/credentials";
import { resetSignInLimiterForTests } from "@/lib/factors/sign-in-limiter";
import { decideOidcSignIn } from "@/lib/single-sign-on/oidc";
import { needsEmailVerification } from "@/lib/mail/verification";

function rp() {
  const r = relyingParty(getEnv());
  if (!r.ok) throw new Error(r.problem);
  return r;
}

async function userWith(prefix: string): Promise<CurrentUser> {
  const u = await newTestUser(prefix);
  return { ...u, sessionId: (await db.userSession.create({ data: { userId: u.id } })).id };
}

async function register(user: CurrentUser, name: string): Promise<SoftPasskey> {
  const key = new SoftPasskey(rp());
  const begun = await beginRegistration(user, true);
  if (!begun.ok) throw new Error(begun.reason);
  const done = await finishRegistration(user, JSON.stringify(key.register(begun.options)), name);
  if (!done.ok) throw new Error(done.reason);
  return key;
}

async function passkeyStepUp(user: CurrentUser, key: SoftPasskey): Promise<void> {
  const begun = await beginPasskeyStepUp(user);
  if (!begun.ok) throw new Error(begun.reason);
  const done = await finishPasskeyStepUp(user, JSON.stringify(key.assert(begun.options)));
  if (!done.ok) throw new Error(done.reason);
}

const account = (id: string) =>
  db.user.findUniqueOrThrow({ where: { id }, select: { passwordHash: true, passwordOffAt: true } });

beforeEach(() => {
  browser = new CookieJar();
  resetPasskeyLimitsForTests();
  resetSignInLimiterForTests();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  resetEnvCache();
  await (await import("@/lib/alerts/queue")).stopBoss();
  await disconnectDb();
});

it("turns the password off only with two passkeys and a step-up made with one of them", async () => {
  const user = await userWith("pl-off");
  const laptop = await register(user, "Laptop");
  // A password step-up is not enough: a passkey must have just worked here.
  await grantStepUp(user);
  expect(await turnPasswordOff(user, await passkeyStepUpLive(user))).toEqual({
    ok: false,
    reason: "needs_passkey_step_up",
  });
  await passkeyStepUp(user, laptop);
  expect(await turnPasswordOff(user, await passkeyStepUpLive(user))).toEqual({ ok: false, reason: "too_few" });
  expect((await account(user.id)).passwordHash).not.toBeNull();
  await register(user, "Phone");
  expect(await turnPasswordOff(user, await passkeyStepUpLive(user))).toEqual({ ok: true });
  const after = await account(user.id);
  expect(after.passwordHash).toBeNull();
  expect(after.passwordOffAt).toBeInstanceOf(Date);
  expect(await db.auditEvent.count({ where: { actorId: user.id, action: "auth.password_off" } })).toBe(1);
  expect(await db.alertState.count({ where: { userId: user.id, condition: "password_off" } })).toBe(1);
  expect(await turnPasswordOff(user, true)).toEqual({ ok: false, reason: "no_password" });
});

it("without its password the account opens only with a passkey: not the old password, a code or single sign-on", async () => {
  const user = await userWith("pl-closed");
  const secret = await enableTwoFactorForTest(user.id);
  const laptop = await register(user, "Laptop");
  await register(user, "Phone");
  await passkeyStepUp(user, laptop);
  expect((await turnPasswordOff(user, true)).ok).toBe(true);
  expect(await checkCredentials(user.email, TEST_PASSWORD, "192.0.2.50", await generate({ secret }))).toEqual({
    ok: false,
    reason: "invalid_credentials",
  });
  expect(await checkStepUpSecret(user.id, await generate({ secret }))).toBe(false);
  expect(await checkStepUpSecret(user.id, TEST_PASSWORD)).toBe(false);
  expect(await decideOidcSignIn({ email: user.email, email_verified: true })).toEqual({
    ok: false,
    reason: "oidc_passkeys_only",
  });
  expect(await signInTakesTwoFactors(user.id)).toBe(true);
  // A passkey still signs in (no code asked).
  browser = new CookieJar();
  const begun = await beginPasskeySignIn("192.0.2.51");
  if (!begun.ok) throw new Error(begun.reason);
  expect(
    await finishPasskeySignIn(JSON.stringify(laptop.assert(begun.options)), { ip: "192.0.2.51", userAgent: null }),
  ).toMatchObject({ ok: true, user: { id: user.id } });
});

it("a passwordless account keeps two passkeys, even when two removals race", async () => {
  const user = await userWith("pl-keep");
  const a = await register(user, "A");
  await register(user, "B");
  await register(user, "C");
  await passkeyStepUp(user, a);
  expect((await turnPasswordOff(user, true)).ok).toBe(true);
  const ids = (await db.passkey.findMany({ where: { userId: user.id }, select: { id: true } })).map((p) => p.id);
  const results = await Promise.all(ids.map((id) => removePasskeyForUser(user, id, true)));
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  expect(results.filter((r) => !r.ok && r.reason === "keep_two")).toHaveLength(2);
  expect(await db.passkey.count({ where: { userId: user.id } })).toBe(2);
  expect(await db.auditEvent.count({ where: { actorId: user.id, action: "auth.passkey_removed" } })).toBe(1);
  expect(await db.alertState.count({ where: { userId: user.id, condition: "passkey_removed" } })).toBe(1);
});

it("another person's passkey is not found for removal, and stays; no step-up, no removal", async () => {
  const owner = await userWith("pl-owner");
  const other = await userWith("pl-other");
  await register(owner, "Owner's");
  const row = await db.passkey.findFirstOrThrow({ where: { userId: owner.id } });
  await expect(removePasskeyForUser(other, row.id, true)).rejects.toMatchObject({ code: "not_found" });
  expect(await removePasskeyForUser(owner, row.id, false)).toEqual({ ok: false, reason: "needs_step_up" });
  expect(await db.passkey.count({ where: { id: row.id } })).toBe(1);
});

it("still owes its e-mail verification, and can set a password again (then signs in with it)", async () => {
  process.env.SMTP_URL = "smtp://127.0.0.1:9";
  resetEnvCache();
  const user = await userWith("pl-back");
  const a = await register(user, "A");
  await register(user, "B");
  await passkeyStepUp(user, a);
  expect((await turnPasswordOff(user, true)).ok).toBe(true);
  expect(await needsEmailVerification(user.id)).toBe(true);
  delete process.env.SMTP_URL;
  resetEnvCache();
  expect(await setPasswordAgain(user, "short", true)).toMatchObject({ ok: false, reason: "weak" });
  expect(await setPasswordAgain(user, "another long passphrase", false)).toEqual({
    ok: false,
    reason: "needs_step_up",
  });
  expect(await setPasswordAgain(user, "another long passphrase", true)).toEqual({ ok: true });
  expect((await account(user.id)).passwordOffAt).toBeNull();
  expect((await checkCredentials(user.email, "another long passphrase", "192.0.2.52")).ok).toBe(true);
  expect(await setPasswordAgain(user, "yet another passphrase", true)).toEqual({ ok: false, reason: "no_password" });
});

it("the operator's recovery: a one-time password signs in, the password is on again, every session ends", async () => {
  const { recoverAccount } = await import("@/lib/passkeys/recover");
  const user = await userWith("pl-recover");
  const a = await register(user, "A");
  await register(user, "B");
  await passkeyStepUp(user, a);
  expect((await turnPasswordOff(user, true)).ok).toBe(true);
  expect(await recoverAccount("nobody-here@example.test")).toEqual({ ok: false, reason: "no_account" });
  const recovered = await recoverAccount(user.email.toUpperCase());
  if (!recovered.ok) throw new Error(recovered.reason);
  expect(recovered).toMatchObject({ sessionsEnded: 1, passkeys: 2 });
  expect(recovered.password).toMatch(/^([a-z2-9]{4}-){5}[a-z2-9]{4}$/);
  expect((await account(user.id)).passwordOffAt).toBeNull();
  expect(await db.userSession.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
  expect((await checkCredentials(user.email, recovered.password, "192.0.2.53")).ok).toBe(true);
  expect(await db.auditEvent.count({ where: { actorId: user.id, action: "auth.password_reset" } })).toBe(1);
  expect(await db.alertState.count({ where: { userId: user.id, condition: "password_reset" } })).toBe(1);
});
