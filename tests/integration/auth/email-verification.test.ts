// With SMTP set, a password account confirms its address (a mailed single-use link that
// expires) before it can accept an invitation. Against the local
// smtp-server: the real mails Keydesk sends.
import type { SMTPServer as SMTPServerType } from "smtp-server";
import { db, disconnectDb } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { randomEmail } from "../../helpers/random";
import { newTestUser, TEST_PASSWORD } from "../../helpers/users";

jest.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => undefined, delete: () => undefined }),
  headers: async () => new Headers({ "x-request-id": "req-verify", "x-forwarded-for": "198.51.100.77" }),
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
import { sendVerificationLink, verifyEmailToken, needsEmailVerification } from "@/lib/mail/verification";
import { createTeam } from "@/lib/teams/teams";
import { acceptInvitation, createInvitation } from "@/lib/teams/invitations";
import { resetMailTransport } from "@/lib/mail";

let server: SMTPServerType;
const received: { to: string; raw: string }[] = [];

beforeAll(async () => {
  const { SMTPServer } = await import("smtp-server");
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, done) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString()));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), raw: raw.replace(/=\r?\n/g, "") });
        done();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  Object.assign(process.env, {
    SMTP_URL: `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`,
    KEYDESK_SIGNUP: "open",
    KEYDESK_PUBLIC_URL: "https://keydesk.example.test",
  });
  resetEnvCache();
  resetMailTransport();
});
afterAll(async () => {
  for (const k of ["SMTP_URL", "KEYDESK_SIGNUP", "KEYDESK_PUBLIC_URL"]) delete process.env[k];
  resetEnvCache();
  resetMailTransport();
  await new Promise<void>((r) => server.close(() => r()));
  await disconnectDb();
});
beforeEach(() => resetSignInLimiterForTests());

function form(email: string): FormData {
  const fd = new FormData();
  fd.set("email", email);
  fd.set("password", TEST_PASSWORD);
  fd.set("confirm", TEST_PASSWORD);
  return fd;
}
const linkIn = (raw: string) => /https:\/\/keydesk\.example\.test\/verify-email\/([A-Za-z0-9_-]+)/.exec(raw)?.[1];

it("a new password account gets a link, cannot accept an invitation until it is opened, and the link works once", async () => {
  const email = randomEmail("verify");
  await expect(signUpAction({}, form(email))).rejects.toMatchObject({
    digest: expect.stringContaining("/sign-in?signed-up=1"),
  });
  const mail = received.find((m) => m.to === email);
  const token = linkIn(mail?.raw ?? "");
  expect(token).toBeDefined();
  const row = await db.user.findUniqueOrThrow({ where: { email } });
  expect(row.emailVerifiedAt).toBeNull();
  // Only the hash is stored.
  expect(JSON.stringify(await db.emailVerification.findMany({ where: { userId: row.id } }))).not.toContain(token!);

  const owner = await newTestUser("verify-owner");
  // With SMTP set, an inviter proves their own address too (invitations are mailed in their name).
  await expect(createInvitation(owner, await createTeam(owner, "Unverified"), email, "member")).rejects.toMatchObject({
    code: "forbidden",
  });
  await db.user.update({ where: { id: owner.id }, data: { emailVerifiedAt: new Date() } });
  const teamId = await createTeam(owner, "Verified team");
  const { token: invite } = await createInvitation(owner, teamId, email, "member");
  const me = { id: row.id, email, name: null, sessionId: "s" };
  await expect(acceptInvitation(me, invite)).rejects.toMatchObject({
    code: "forbidden",
    messageKey: "auth.emailNotVerified",
  });

  expect(await verifyEmailToken(token!)).toBe("verified");
  expect(await verifyEmailToken(token!)).toBe("used");
  expect(await needsEmailVerification(row.id)).toBe(false);
  expect(await acceptInvitation(me, invite)).toBe(teamId);
});

it("an expired link does not verify, and a new link replaces the old one", async () => {
  const u = await newTestUser("verify-exp");
  expect(await sendVerificationLink(u.id)).toBe(true);
  const first = linkIn(received.filter((m) => m.to === u.email).at(-1)!.raw)!;
  expect(await sendVerificationLink(u.id)).toBe(true);
  const second = linkIn(received.filter((m) => m.to === u.email).at(-1)!.raw)!;
  expect(await verifyEmailToken(first)).toBe("used");
  await db.emailVerification.updateMany({
    where: { userId: u.id, usedAt: null },
    data: { expiresAt: new Date(Date.now() - 1000) },
  });
  expect(await verifyEmailToken(second)).toBe("expired");
  expect(await verifyEmailToken("x".repeat(43))).toBe("invalid");
  expect(await needsEmailVerification(u.id)).toBe(true);
});

it("sign-up with a registered e-mail answers the same and mails the owner instead of a link", async () => {
  const existing = await newTestUser("verify-known");
  const before = received.length;
  await expect(signUpAction({}, form(existing.email))).rejects.toMatchObject({
    digest: expect.stringContaining("/sign-in?signed-up=1"),
  });
  const mails = received.slice(before).filter((m) => m.to === existing.email);
  expect(mails).toHaveLength(1);
  expect(linkIn(mails[0]!.raw)).toBeUndefined();
  expect(mails[0]!.raw).toMatch(/already has a Keydesk account/);
});
