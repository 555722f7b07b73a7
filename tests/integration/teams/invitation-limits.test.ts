// The invitation attacks of the report, against real PostgreSQL, pg-boss and a local SMTP
// server: a plain user's team invites 60 outside addresses (limits per inviter and per team,
// per hour, with a clear error), the same address again and again (one row, re-sent with a new
// link), and the mail (a queue at a per-sender rate, the recipient's language, no name of the
// attacker's in the subject, the team name inert inside a fixed sentence).
import { SMTPServer } from "smtp-server";
import { resetEnvCache } from "@/lib/env";
import { db, disconnectDb } from "@/lib/db";
import type { CurrentUser } from "@/lib/sessions/session";
import { newTestUser } from "../../helpers/users";

let actingAs: CurrentUser | null = null;
jest.mock("@/lib/sessions/session", () => ({
  requireUser: async () => {
    if (!actingAs) throw new (jest.requireActual("@/lib/errors").AppError)("unauthorized", "error.signIn");
    return actingAs;
  },
  getCurrentUser: async () => actingAs,
}));
jest.mock("next/cache", () => ({ revalidatePath: () => undefined }));

type Mods = {
  teams: typeof import("@/lib/teams/teams");
  inv: typeof import("@/lib/teams/invitations");
  actions: typeof import("@/lib/teams/actions");
  queue: typeof import("@/lib/alerts/queue");
  mail: typeof import("@/lib/teams/invitation-mail");
};
let m: Mods;

beforeAll(async () => {
  resetEnvCache();
  m = {
    teams: await import("@/lib/teams/teams"),
    inv: await import("@/lib/teams/invitations"),
    actions: await import("@/lib/teams/actions"),
    queue: await import("@/lib/alerts/queue"),
    mail: await import("@/lib/teams/invitation-mail"),
  };
});
afterAll(async () => {
  await m.queue.stopBoss();
  await disconnectDb();
});

function form(o: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(o)) f.set(k, v);
  return f;
}

async function inviteAs(u: CurrentUser, teamId: string, email: string, locale = "en") {
  actingAs = u;
  try {
    return await m.actions.inviteAction({}, form({ teamId, email, role: "member", locale }));
  } finally {
    actingAs = null;
  }
}

it("a plain user's team inviting 60 outside addresses: 20 go out, the rest get a clear error", async () => {
  const attacker = await newTestUser("spammer");
  const teamId = await m.teams.createTeam(attacker, "Free gift cards at evil.example");
  const states = [];
  for (let i = 0; i < 60; i++) states.push(await inviteAs(attacker, teamId, `victim-${teamId}-${i}@example.test`));
  const sent = states.filter((s) => s.ok);
  const refused = states.filter((s) => !s.ok);
  console.log(`invitation flood: ${sent.length} of 60 accepted, ${refused.length} refused`);
  expect(sent).toHaveLength(20);
  expect(await db.invitation.count({ where: { teamId } })).toBe(20);
  expect(refused[0]!.message).toMatch(
    /as many invitations as allowed \(20 an hour, 50 a day\)\. You can invite again in \d+ min/,
  );
  expect(refused.every((s) => s.message === refused[0]!.message || /in \d+ min/.test(s.message ?? ""))).toBe(true);
});

it("parallel invitations can't slip past the limit", async () => {
  const attacker = await newTestUser("burst-inviter");
  const teamId = await m.teams.createTeam(attacker, "Burst");
  const states = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      m.inv.createInvitation(attacker, teamId, `b-${teamId}-${i}@example.test`, "member").then(
        () => "ok",
        (err: { code?: string }) => err.code,
      ),
    ),
  );
  expect(states.filter((s) => s === "ok")).toHaveLength(20);
  expect(states.filter((s) => s === "rate_limited")).toHaveLength(20);
});

it("a team's own limit holds across its admins", async () => {
  const owner = await newTestUser("team-owner");
  const teamId = await m.teams.createTeam(owner, "Many admins");
  const admins = [await newTestUser("admin-a"), await newTestUser("admin-b")];
  for (const a of admins) await db.teamMember.create({ data: { teamId, userId: a.id, role: "admin" } });
  let ok = 0;
  for (const a of admins)
    for (let i = 0; i < 20; i++) if ((await inviteAs(a, teamId, `t-${a.id}-${i}@example.test`)).ok) ok++;
  expect(ok).toBe(30);
  expect((await inviteAs(owner, teamId, `t-owner@example.test`)).message).toMatch(/This team has sent as many/);
});

it("inviting the same address again re-sends the one open invitation: no new row, the old link stops working", async () => {
  const owner = await newTestUser("repeater");
  const teamId = await m.teams.createTeam(owner, "Repeats");
  const email = `again-${teamId}@example.test`;
  const links: string[] = [];
  for (let i = 0; i < 5; i++) {
    const s = await inviteAs(owner, teamId, i === 2 ? email.toUpperCase() : email);
    expect(s).toMatchObject({ ok: true });
    if (i > 0) expect(s.message).toMatch(/already had an open invitation/);
    links.push(s.link!);
  }
  const rows = await db.invitation.findMany({ where: { teamId } });
  expect(rows).toHaveLength(1);
  expect(rows[0]!.sendCount).toBe(5);
  const token = (l: string) => l.split("/invite/")[1]!;
  expect((await m.inv.inspectInvitation(null, token(links[0]!))).state).toBe("invalid");
  expect((await m.inv.inspectInvitation(null, token(links[4]!))).state).toBe("valid");
  // Ten at once for one address: still one row (locks, and the partial unique index behind them).
  await Promise.all(Array.from({ length: 10 }, () => m.inv.createInvitation(owner, teamId, email, "member")));
  expect(await db.invitation.count({ where: { teamId, email } })).toBe(1);
  // Re-sends count against the limit: 5 + 10 sent, 5 left this hour.
  let more = 0;
  for (let i = 0; i < 10; i++) if ((await inviteAs(owner, teamId, email)).ok) more++;
  expect(more).toBe(5);
  // After the invitation is revoked, a new one is a new row.
  await db.invitation.updateMany({ where: { teamId }, data: { revokedAt: new Date() } });
  await expect(
    db.invitation.create({
      data: { teamId, email, role: "member", tokenHash: `x-${teamId}`, expiresAt: new Date(Date.now() + 1e6) },
    }),
  ).resolves.toBeTruthy();
  // ...and the database itself refuses a second open one.
  await expect(
    db.invitation.create({
      data: { teamId, email, role: "member", tokenHash: `y-${teamId}`, expiresAt: new Date(Date.now() + 1e6) },
    }),
  ).rejects.toMatchObject({ code: "P2002" });
});

describe("the mail", () => {
  const received: { subject: string; raw: string; to: string }[] = [];
  let server: SMTPServer;
  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, done) {
        let raw = "";
        stream.on("data", (c: Buffer) => (raw += c.toString()));
        stream.on("end", () => {
          // Quoted-printable, decoded: soft line breaks joined, =XX bytes read as UTF-8.
          const flat = Buffer.from(
            raw
              .replace(/=\r?\n/g, "")
              .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
            "latin1",
          ).toString("utf8");
          received.push({
            raw: flat,
            subject: /^Subject: (.*)$/m.exec(flat)?.[1] ?? "",
            to: session.envelope.rcptTo[0]?.address ?? "",
          });
          done();
        });
      },
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`;
    resetEnvCache();
    (await import("@/lib/mail")).resetMailTransport();
    const boss = await m.queue.getBoss();
    await boss.purgeQueue(m.queue.INVITE_MAIL_QUEUE);
    await m.mail.workInvitationMail(boss);
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    resetEnvCache();
    (await import("@/lib/mail")).resetMailTransport();
    await new Promise<void>((r) => server.close(() => r()));
  });

  async function until(what: () => Promise<boolean> | boolean) {
    for (let i = 0; i < 600 && !(await what()); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await what()).toBe(true);
  }

  it("in the language chosen, a fixed subject, the team name inert in a fixed sentence, Keydesk's link only", async () => {
    const owner = await newTestUser("mailer");
    await db.user.update({
      where: { id: owner.id },
      data: { emailVerifiedAt: new Date(), name: "Support <a href=https://evil.example>click</a>" },
    });
    actingAs = { ...owner, name: "Support <a href=https://evil.example>click</a>" };
    const teamId = await m.teams.createTeam(owner, "Free gift cards at https://evil.example\nCLICK NOW");
    actingAs = null;
    const to = `de-${teamId}@example.test`;
    const state = await inviteAs(owner, teamId, to, "de");
    expect(state.ok).toBe(true);
    await until(() => received.some((r) => r.to === to));
    const mail = received.find((r) => r.to === to)!;
    expect(mail.subject).toBe("Einladung in ein Team auf Keydesk");
    expect(mail.raw).toContain(state.link!);
    expect(mail.raw).toContain("Der Name des Teams lautet: “Free gift cards at https[://]evil[.]example CLICK NOW”");
    expect(mail.raw).not.toMatch(/evil\.example/);
    expect(mail.raw).not.toContain("Support <a");
    expect(mail.raw).toContain(owner.email);
    // No link but Keydesk's own invitation link.
    expect(mail.raw.match(/https?:\/\/\S+/g)).toEqual([state.link]);
  });

  it("goes out at most 5 a minute per sender; the rest wait in the queue, none is lost", async () => {
    const owner = await newTestUser("bulk-mailer");
    await db.user.update({ where: { id: owner.id }, data: { emailVerifiedAt: new Date() } });
    const teamId = await m.teams.createTeam(owner, "Bulk");
    const addresses = Array.from({ length: 8 }, (_, i) => `bulk-${teamId}-${i}@example.test`);
    for (const a of addresses) expect((await inviteAs(owner, teamId, a)).ok).toBe(true);
    const mine = () => received.filter((r) => addresses.includes(r.to)).length;
    const waiting = async () =>
      Number(
        (
          await db.$queryRaw<{ n: number }[]>`
            SELECT count(*)::int AS n FROM pgboss.job
            WHERE name = ${m.queue.INVITE_MAIL_QUEUE} AND state = 'created' AND start_after > now()
              AND data->>'invitationId' IN (SELECT id FROM "Invitation" WHERE "teamId" = ${teamId})`
        )[0]!.n,
      );
    await until(async () => mine() === m.mail.MAILS_PER_SENDER_PER_MINUTE && (await waiting()) === 3);
    expect(await db.invitation.count({ where: { teamId, mailedAt: { not: null } } })).toBe(5);
  });
});
