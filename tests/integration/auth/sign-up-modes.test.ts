// Who may have an account: KEYDESK_SIGNUP open / invite / closed and the
// production default (first person, then invitation only); one answer for new and registered
// e-mails; a per-IP limit taken before the password is hashed. Driven through the server action.
import { db, disconnectDb } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { randomEmail } from "../../helpers/random";
import { newTestUser, TEST_PASSWORD } from "../../helpers/users";

let ip = "198.51.100.1";
jest.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => undefined, delete: () => undefined }),
  headers: async () => new Headers({ "x-request-id": "req-sign-up", "x-forwarded-for": ip }),
}));
jest.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { digest: `NEXT_REDIRECT;replace;${to};303;` });
  },
  unstable_rethrow: (err: unknown) => {
    if (String((err as { digest?: string })?.digest ?? "").startsWith("NEXT_REDIRECT")) throw err;
  },
}));

import { signUpAction } from "@/lib/sign-in/actions";
import { resetSignInLimiterForTests } from "@/lib/factors/sign-in-limiter";
import { currentSignUpMode } from "@/lib/sign-up/sign-up-policy";
import { createTeam } from "@/lib/teams/teams";
import { createInvitation } from "@/lib/teams/invitations";

let ipCounter = 0;
function setMode(mode: string | undefined, nodeEnv = "test") {
  if (mode) process.env.KEYDESK_SIGNUP = mode;
  else delete process.env.KEYDESK_SIGNUP;
  (process.env as Record<string, string>).NODE_ENV = nodeEnv;
  if (nodeEnv === "production") process.env.EXCHANGE_BASE_URL = "https://exchange.example.com/public/v1";
  else delete process.env.EXCHANGE_BASE_URL;
  resetEnvCache();
}
beforeEach(() => {
  ip = `198.51.100.${++ipCounter}`;
  resetSignInLimiterForTests();
  setMode(undefined);
});
afterAll(async () => {
  setMode(undefined);
  await disconnectDb();
});

function form(email: string, password = TEST_PASSWORD, next?: string): FormData {
  const fd = new FormData();
  fd.set("email", email);
  fd.set("password", password);
  fd.set("confirm", password);
  if (next) fd.set("next", next);
  return fd;
}

/** The action's answer: the redirect it ends with, or its form state. */
async function answer(fd: FormData): Promise<{ redirect?: string; state?: unknown }> {
  try {
    return { state: await signUpAction({}, fd) };
  } catch (err) {
    const digest = (err as { digest?: string }).digest;
    if (digest?.startsWith("NEXT_REDIRECT")) return { redirect: digest };
    throw err;
  }
}

it("open: creates the account and answers with the redirect to sign-in", async () => {
  setMode("open");
  const email = randomEmail("open");
  expect(await answer(form(email))).toEqual({ redirect: "NEXT_REDIRECT;replace;/sign-in?signed-up=1;303;" });
  expect(await db.user.count({ where: { email } })).toBe(1);
});

it("no enumeration: a registered e-mail gets exactly the same answer, and its account is untouched", async () => {
  setMode("open");
  const existing = await newTestUser("enum");
  const before = await db.user.findUniqueOrThrow({ where: { id: existing.id } });
  const fresh = await answer(form(randomEmail("enum-new"), "another long passphrase"));
  const taken = await answer(form(existing.email, "another long passphrase"));
  expect(taken).toEqual(fresh);
  expect(await db.user.findUniqueOrThrow({ where: { id: existing.id } })).toEqual(before);
});

it("closed: refuses with its own message and a request id, creates nothing", async () => {
  setMode("closed");
  const email = randomEmail("closed");
  expect(await answer(form(email))).toEqual({
    state: {
      email,
      message: "This Keydesk does not accept new accounts. Ask its owner for access.",
      requestId: "req-sign-up",
    },
  });
  expect(await db.user.count({ where: { email } })).toBe(0);
});

it("invite: only with a live invitation link for that very e-mail", async () => {
  setMode("invite");
  const owner = await newTestUser("inv-owner");
  const teamId = await createTeam(owner, "Invite team");
  const invited = randomEmail("invited");
  const { token } = await createInvitation(owner, teamId, invited, "member");
  const next = `/invite/${token}`;

  expect((await answer(form(invited))).state).toMatchObject({
    message: expect.stringMatching(/by invitation only/),
    requestId: "req-sign-up",
  });
  expect((await answer(form(randomEmail("other"), TEST_PASSWORD, next))).state).toMatchObject({
    message: expect.stringMatching(/invitation is for another e-mail address/),
  });
  expect((await answer(form(invited, TEST_PASSWORD, `/invite/${"x".repeat(43)}`))).state).toMatchObject({
    message: expect.stringMatching(/not valid any more/),
  });
  // From the invitation, for that address: signed in and joined at once, with the name typed.
  const fd = form(invited, TEST_PASSWORD, next);
  fd.set("name", "Ines Invited");
  expect((await answer(fd)).redirect).toMatch(
    new RegExp(`^NEXT_REDIRECT;(replace|push);(https?://[^/]+)?/teams/${teamId}\\?joined=1;`),
  );
  const created = await db.user.findUniqueOrThrow({ where: { email: invited } });
  expect(created.name).toBe("Ines Invited");
  expect(await db.teamMember.count({ where: { teamId, userId: created.id, role: "member" } })).toBe(1);
  expect(await db.userSession.count({ where: { userId: created.id } })).toBe(1);

  // An address that already has an account is never signed in or joined from the sign-up form.
  const existing = await newTestUser("inv-existing");
  const again = await createInvitation(owner, teamId, existing.email, "member");
  const nextAgain = `/invite/${again.token}`;
  expect(await answer(form(existing.email, "another long passphrase", nextAgain))).toEqual({
    redirect: `NEXT_REDIRECT;replace;/sign-in?signed-up=1&next=${encodeURIComponent(nextAgain)};303;`,
  });
  expect(await db.teamMember.count({ where: { teamId, userId: existing.id } })).toBe(0);
  expect(await db.userSession.count({ where: { userId: existing.id } })).toBe(0);
});

it("production default: the first person while nobody has an account, then invitation only", async () => {
  setMode(undefined, "production");
  expect(await currentSignUpMode()).toBe("invite"); // the test database has accounts
  expect((await answer(form(randomEmail("prod")))).state).toMatchObject({
    message: expect.stringMatching(/by invitation only/),
  });
  // With no account yet the rule is "first"; the creation itself is decided again under a lock,
  // so a second "first" sign-up racing the first one is refused (here: accounts already exist).
  const count = jest.spyOn(db.user, "count").mockResolvedValueOnce(0);
  expect(await currentSignUpMode()).toBe("first");
  count.mockResolvedValueOnce(0);
  const email = randomEmail("race");
  expect((await answer(form(email))).state).toMatchObject({ message: expect.stringMatching(/by invitation only/) });
  expect(await db.user.count({ where: { email } })).toBe(0);
  count.mockRestore();
  setMode(undefined, "development");
  expect(await currentSignUpMode()).toBe("open");
});

it("limits sign-ups per IP before hashing, whether or not the e-mail is registered", async () => {
  setMode("open");
  const existing = await newTestUser("limit");
  for (let i = 0; i < 5; i++)
    expect((await answer(form(i % 2 ? existing.email : randomEmail("lim")))).redirect).toBeDefined();
  const refused = await answer(form(randomEmail("lim")));
  expect(refused.state).toMatchObject({
    message: expect.stringMatching(/^Too many accounts were created from this address\. Try again in \d+ s\.$/),
    requestId: "req-sign-up",
  });
  ip = "192.0.2.99";
  expect((await answer(form(randomEmail("lim")))).redirect).toBeDefined();
});
