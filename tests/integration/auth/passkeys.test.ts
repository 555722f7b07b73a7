// Passkeys against real PostgreSQL with authenticator answers crafted in Node (a P-256 key,
// CBOR, ECDSA: tests/helpers/webauthn.ts) and verified by @simplewebauthn itself: register, sign
// in without an e-mail, step up; and every bad answer (a replayed or expired challenge, another
// account's passkey, a counter that goes backwards, the wrong origin or relying-party id, no user
// verification, a forged signature) gets its own refusal and changes nothing.
import { db, disconnectDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { CurrentUser } from "@/lib/sessions/session";
import { newTestUser } from "../../helpers/users";
import { CookieJar, SoftPasskey } from "../../helpers/webauthn";

let browser = new CookieJar();
jest.mock("next/headers", () => ({
  cookies: async () => browser.api(),
  headers: async () => new Headers({ "x-request-id": "req-passkeys-test" }),
}));

import { relyingParty } from "@/lib/passkeys/relying-party";
import { beginRegistration, finishRegistration } from "@/lib/passkeys/registration";
import { beginPasskeySignIn, finishPasskeySignIn } from "@/lib/passkeys/sign-in";
import { beginPasskeyStepUp, finishPasskeyStepUp } from "@/lib/passkeys/step-up";
import { resetPasskeyLimitsForTests } from "@/lib/passkeys/limits";
import { stepUpSecondsLeft } from "@/lib/factors/step-up";

const ctx = { ip: "198.51.100.77", userAgent: "Mozilla/5.0 Chrome/140.0" };

function rp() {
  const r = relyingParty(getEnv());
  if (!r.ok) throw new Error(r.problem);
  return r;
}

async function userWith(prefix: string): Promise<CurrentUser> {
  const u = await newTestUser(prefix);
  const session = await db.userSession.create({ data: { userId: u.id } });
  return { ...u, sessionId: session.id };
}

/** Registers a fresh soft passkey for `user` in the current browser. */
async function register(user: CurrentUser, name = "Laptop", opts?: { counts?: boolean }): Promise<SoftPasskey> {
  const key = new SoftPasskey(rp(), opts);
  const begun = await beginRegistration(user, true);
  if (!begun.ok) throw new Error(begun.reason);
  const done = await finishRegistration(user, JSON.stringify(key.register(begun.options)), name);
  if (!done.ok) throw new Error(done.reason);
  return key;
}

async function signInOptions() {
  const begun = await beginPasskeySignIn(ctx.ip);
  if (!begun.ok) throw new Error(begun.reason);
  return begun.options;
}

async function stepUpOptions(user: CurrentUser) {
  const begun = await beginPasskeyStepUp(user);
  if (!begun.ok) throw new Error(begun.reason);
  return begun.options;
}

const stored = (id: string) =>
  db.passkey.findUniqueOrThrow({
    where: { credentialId: id },
    select: { counter: true, lastUsedAt: true, lastSignInAt: true, userId: true },
  });

beforeEach(() => {
  browser = new CookieJar();
  resetPasskeyLimitsForTests();
});
afterAll(async () => {
  await (await import("@/lib/alerts/queue")).stopBoss();
  await disconnectDb();
});

it("registers a passkey with its counter and transports, audited and alerted; the public key is never listed", async () => {
  const user = await userWith("pk-reg");
  const key = await register(user, "Work laptop");
  const row = await db.passkey.findUniqueOrThrow({ where: { credentialId: key.id } });
  expect(row).toMatchObject({ userId: user.id, name: "Work laptop", transports: ["internal", "hybrid"], counter: 0n });
  expect(await db.auditEvent.count({ where: { actorId: user.id, action: "auth.passkey_added" } })).toBe(1);
  expect(await db.alertState.count({ where: { userId: user.id, condition: "passkey_added" } })).toBe(1);
  const { listPasskeysForUser } = await import("@/lib/passkeys/store");
  const listed = await listPasskeysForUser(user.id);
  expect(listed).toEqual([expect.objectContaining({ name: "Work laptop", lastUsedAt: null })]);
  expect(JSON.stringify(listed)).not.toContain("publicKey");
  // Without a step-up there are no options at all.
  expect(await beginRegistration(user, false)).toEqual({ ok: false, reason: "needs_step_up" });
});

it("signs in without an e-mail; the first sign-in with a passkey alerts, later ones don't; the counter rises", async () => {
  const user = await userWith("pk-signin");
  const key = await register(user);
  browser = new CookieJar(); // signed out, another browser
  const first = await finishPasskeySignIn(JSON.stringify(key.assert(await signInOptions())), ctx);
  expect(first).toEqual({ ok: true, user: { id: user.id, email: user.email, name: null } });
  const after = await stored(key.id);
  expect(after.counter).toBe(1n);
  expect(after.lastSignInAt).toBeInstanceOf(Date);
  const again = await finishPasskeySignIn(JSON.stringify(key.assert(await signInOptions())), ctx);
  expect(again.ok).toBe(true);
  expect((await stored(key.id)).counter).toBe(2n);
  expect(await db.alertState.count({ where: { userId: user.id, condition: "passkey_new_sign_in" } })).toBe(1);
  expect(await db.auditEvent.count({ where: { actorId: user.id, action: "auth.passkey_first_sign_in" } })).toBe(1);
});

it("a synced passkey that keeps no counter (always 0) still signs in", async () => {
  const user = await userWith("pk-synced");
  const key = await register(user, "Phone", { counts: false });
  for (let i = 0; i < 2; i++)
    expect((await finishPasskeySignIn(JSON.stringify(key.assert(await signInOptions())), ctx)).ok).toBe(true);
  expect((await stored(key.id)).counter).toBe(0n);
});

describe("refused with a reason, and nothing changes", () => {
  it("a replayed answer: the challenge was spent by the first", async () => {
    const user = await userWith("pk-replay");
    const key = await register(user);
    const answer = JSON.stringify(key.assert(await signInOptions()));
    expect((await finishPasskeySignIn(answer, ctx)).ok).toBe(true);
    const before = await stored(key.id);
    expect(await finishPasskeySignIn(answer, ctx)).toEqual({ ok: false, reason: "challenge_expired" });
    // Replayed into a fresh ceremony of the same browser: signed for the old challenge.
    await signInOptions();
    expect(await finishPasskeySignIn(answer, ctx)).toEqual({ ok: false, reason: "challenge_expired" });
    expect(await stored(key.id)).toEqual(before);
  });

  it("an expired challenge, and a challenge another browser holds", async () => {
    const user = await userWith("pk-expired");
    const key = await register(user);
    const options = await signInOptions();
    await db.passkeyChallenge.updateMany({
      where: { challenge: options.challenge },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await finishPasskeySignIn(JSON.stringify(key.assert(options)), ctx)).toEqual({
      ok: false,
      reason: "challenge_expired",
    });
    expect(await db.passkeyChallenge.count({ where: { challenge: options.challenge } })).toBe(0);
    // Browser A asks; the answer arrives from browser B (no cookie for it): no challenge.
    const fresh = await signInOptions();
    browser = new CookieJar();
    expect(await finishPasskeySignIn(JSON.stringify(key.assert(fresh)), ctx)).toEqual({
      ok: false,
      reason: "challenge_expired",
    });
    expect((await stored(key.id)).lastSignInAt).toBeNull();
  });

  it("another account's passkey: refused for step-up, and for sign-in under a foreign user handle", async () => {
    const alice = await userWith("pk-alice");
    const bob = await userWith("pk-bob");
    const alicesKey = await register(alice);
    await register(bob);
    const before = await stored(alicesKey.id);
    // Bob's step-up (his own options) answered with Alice's passkey.
    expect(await finishPasskeyStepUp(bob, JSON.stringify(alicesKey.assert(await stepUpOptions(bob))))).toEqual({
      ok: false,
      reason: "other_user",
    });
    expect(await stepUpSecondsLeft(bob)).toBe(0);
    // A sign-in with Alice's credential claiming Bob's account (his user handle).
    const bobHandle = (await db.user.findUniqueOrThrow({ where: { id: bob.id } })).passkeyUserHandle!;
    expect(
      await finishPasskeySignIn(
        JSON.stringify(alicesKey.assert(await signInOptions(), { userHandle: bobHandle })),
        ctx,
      ),
    ).toEqual({ ok: false, reason: "other_user" });
    expect(await stored(alicesKey.id)).toEqual(before);
    // Registering a credential id Keydesk already holds for someone else.
    const begun = await beginRegistration(bob, true);
    if (!begun.ok) throw new Error(begun.reason);
    expect(await finishRegistration(bob, JSON.stringify(alicesKey.register(begun.options)), "Copy")).toEqual({
      ok: false,
      reason: "already_registered",
    });
    expect(await stored(alicesKey.id)).toEqual(before);
  });

  it("a counter that goes backwards (a cloned authenticator), or stands still", async () => {
    const user = await userWith("pk-clone");
    const key = await register(user);
    for (let i = 0; i < 3; i++) await finishPasskeySignIn(JSON.stringify(key.assert(await signInOptions())), ctx);
    const before = await stored(key.id);
    expect(before.counter).toBe(3n);
    for (const counter of [2, 3])
      expect(await finishPasskeySignIn(JSON.stringify(key.assert(await signInOptions(), { counter })), ctx)).toEqual({
        ok: false,
        reason: "counter_replay",
      });
    expect(await stored(key.id)).toEqual(before);
    const denied = await db.auditEvent.findMany({ where: { action: "auth.sign_in", outcome: "denied" } });
    expect(denied.some((e) => (e.detail as { reason?: string }).reason === "counter_replay")).toBe(true);
  });

  it("the wrong origin or relying-party id, in sign-in and in registration", async () => {
    const user = await userWith("pk-origin");
    const key = await register(user);
    const before = await stored(key.id);
    const bent = [
      [{ origin: "https://evil.example" }, "wrong_origin"],
      [{ origin: rp().origin.replace("http://", "https://") }, "wrong_origin"],
      [{ rpId: "evil.example" }, "wrong_rp"],
      [{ userVerified: false }, "not_verified"],
      [{ type: "webauthn.create" }, "invalid"],
    ] as const;
    for (const [bend, reason] of bent)
      expect([bend, await finishPasskeySignIn(JSON.stringify(key.assert(await signInOptions(), bend)), ctx)]).toEqual([
        bend,
        { ok: false, reason },
      ]);
    expect(await stored(key.id)).toEqual(before);
    for (const [bend, reason] of bent.slice(0, 4)) {
      const begun = await beginRegistration(user, true);
      if (!begun.ok) throw new Error(begun.reason);
      const other = new SoftPasskey(rp());
      const done = await finishRegistration(user, JSON.stringify(other.register(begun.options, bend)), "Bent");
      expect([bend, done]).toMatchObject([bend, { ok: false, reason }]);
    }
    expect(await db.passkey.count({ where: { userId: user.id } })).toBe(1);
    const refusals = await db.auditEvent.findMany({
      where: { actorId: user.id, action: "auth.passkey_added", outcome: "denied" },
    });
    expect(refusals.map((e) => (e.detail as { reason: string }).reason).sort()).toEqual([
      "not_verified",
      "wrong_origin",
      "wrong_origin",
      "wrong_rp",
    ]);
  });

  it("a forged signature, a malformed answer, and an unknown passkey", async () => {
    const user = await userWith("pk-forged");
    const key = await register(user);
    const answer = key.assert(await signInOptions());
    const sig = Buffer.from(answer.response.signature, "base64url");
    sig.writeUInt8(sig.readUInt8(sig.length - 1) ^ 0x01, sig.length - 1); // still valid DER, wrong value
    answer.response.signature = sig.toString("base64url");
    expect(await finishPasskeySignIn(JSON.stringify(answer), ctx)).toEqual({ ok: false, reason: "invalid" });
    await signInOptions();
    expect(await finishPasskeySignIn("{not json", ctx)).toEqual({ ok: false, reason: "invalid" });
    expect(await finishPasskeySignIn("x".repeat(40_000), ctx)).toEqual({ ok: false, reason: "invalid" });
    const stranger = new SoftPasskey(rp());
    stranger.userHandle = "AAAA";
    expect(await finishPasskeySignIn(JSON.stringify(stranger.assert(await signInOptions())), ctx)).toEqual({
      ok: false,
      reason: "unknown_credential",
    });
    expect((await stored(key.id)).counter).toBe(0n);
  });
});

describe("step-up with a passkey", () => {
  it("grants the 10-minute step-up the password gives, bound to this user and session", async () => {
    const user = await userWith("pk-stepup");
    const key = await register(user);
    expect(await stepUpSecondsLeft(user)).toBe(0);
    expect(await finishPasskeyStepUp(user, JSON.stringify(key.assert(await stepUpOptions(user))))).toEqual({
      ok: true,
    });
    expect(await stepUpSecondsLeft(user)).toBeGreaterThan(500);
    const { stepUpWith } = await import("@/lib/factors/step-up-with");
    expect(await stepUpWith(user, undefined)).toBe(true);
    // The same person in another session of the same browser: the challenge was not issued to it.
    const other = { ...user, sessionId: (await db.userSession.create({ data: { userId: user.id } })).id };
    const options = await stepUpOptions(user);
    expect(await finishPasskeyStepUp(other, JSON.stringify(key.assert(options)))).toEqual({
      ok: false,
      reason: "challenge_expired",
    });
    // A sign-in challenge is no step-up challenge.
    browser = new CookieJar();
    const signIn = await signInOptions();
    expect(await finishPasskeyStepUp(user, JSON.stringify(key.assert(signIn)))).toEqual({
      ok: false,
      reason: "challenge_expired",
    });
    expect(await stepUpSecondsLeft(user)).toBe(0);
  });

  it("someone without passkeys gets no options", async () => {
    const user = await userWith("pk-none");
    expect(await beginPasskeyStepUp(user)).toEqual({ ok: false, reason: "no_passkeys" });
  });
});
