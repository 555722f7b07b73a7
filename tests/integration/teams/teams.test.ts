// Teams against real PostgreSQL and the simulator: invitations, the sharing policy, hidden
// amounts, immediate unshare/removal, a revoked shared key, member reads, no upstream writes,
// and every server action × every role (the HTTP matrix of the route handlers is in the e2e run).
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { resetEnvCache } from "@/lib/env";
import { db, disconnectDb } from "@/lib/db";
import { addKeyForUser } from "@/lib/keys/add-key";
import type { CurrentUser } from "@/lib/sessions/session";
import type { Balances } from "@/lib/exchange/schemas";
import { randomEmail } from "../../helpers/random";
import { newTestUser } from "../../helpers/users";

// Server actions read the caller through lib/sessions/session: drive them as any role.
let actingAs: CurrentUser | null = null;
jest.mock("@/lib/sessions/session", () => ({
  requireUser: async () => {
    if (!actingAs) throw new (jest.requireActual("@/lib/errors").AppError)("unauthorized", "error.signIn");
    return actingAs;
  },
  getCurrentUser: async () => actingAs,
  requirePageUser: async () => actingAs,
}));
jest.mock("next/cache", () => ({ revalidatePath: () => undefined }));
jest.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { digest: `NEXT_REDIRECT;replace;${to}` });
  },
  unstable_rethrow: (err: unknown) => {
    if (String((err as { digest?: string })?.digest ?? "").startsWith("NEXT_REDIRECT")) throw err;
  },
}));
jest.mock("@/lib/factors/step-up-with", () => ({ stepUpWith: async () => true }));

let sim: RunningSimulator;
type Mods = {
  teams: typeof import("@/lib/teams/teams");
  inv: typeof import("@/lib/teams/invitations");
  shares: typeof import("@/lib/teams/shares");
  actions: typeof import("@/lib/teams/actions");
  read: typeof import("@/lib/reads/read");
  portfolio: typeof import("@/lib/reads/valuation");
  history: typeof import("@/lib/reads/history");
  queries: typeof import("@/lib/keys/queries");
  exportRun: typeof import("@/lib/export/run");
  audit: typeof import("@/lib/audit/query");
};
let m: Mods;

const user = (prefix: string) => newTestUser(prefix);
async function addDemo(u: CurrentUser, name: string, label = name) {
  const r = await addKeyForUser(
    { user: u, steppedUp: true },
    { label, key: sim.demoKeys[name]!.key, confirmation: "WITHDRAW", confirmTrade: "yes" },
  );
  if (!r.ok) throw new Error(r.message);
  return r.keyRowId;
}
async function invite(by: CurrentUser, teamId: string, who: CurrentUser, role: "admin" | "member") {
  const { token } = await m.inv.createInvitation(by, teamId, who.email, role);
  await m.inv.acceptInvitation(who, token);
}
const balances = (u: CurrentUser, id: string) =>
  m.read.readKeyData<Balances>(u, id, "balances", {}, (c, k) => c.getBalances(k), { refresh: true });
const counters = async () =>
  (await (await fetch(`${sim.controlUrl}/counters`)).json()) as { byMethod: Record<string, number> };

beforeAll(async () => {
  sim = await startSimulator({ port: 0, controlPort: 0, seed: "teams" });
  Object.assign(process.env, {
    EXCHANGE_BASE_URL: sim.url,
    SIMULATOR_CONTROL_URL: sim.controlUrl,
    REDIS_URL: "",
    // The matrix below invites hundreds of times as one person; the limits have tests of their own.
    KEYDESK_INVITATIONS_PER_INVITER_PER_HOUR: "10000",
    KEYDESK_INVITATIONS_PER_INVITER_PER_DAY: "10000",
  });
  resetEnvCache();
  m = {
    teams: await import("@/lib/teams/teams"),
    inv: await import("@/lib/teams/invitations"),
    shares: await import("@/lib/teams/shares"),
    actions: await import("@/lib/teams/actions"),
    read: await import("@/lib/reads/read"),
    portfolio: await import("@/lib/reads/valuation"),
    history: await import("@/lib/reads/history"),
    queries: await import("@/lib/keys/queries"),
    exportRun: await import("@/lib/export/run"),
    audit: await import("@/lib/audit/query"),
  };
});
afterAll(async () => {
  await (await import("@/lib/alerts/queue")).stopBoss();
  await sim.close();
  await disconnectDb();
});

describe("invitations", () => {
  it("are single use, bound to the invited address, and expire", async () => {
    const owner = await user("owner");
    const invitee = await user("invitee");
    const other = await user("other");
    const teamId = await m.teams.createTeam(owner, "Accounting");
    const { token } = await m.inv.createInvitation(owner, teamId, invitee.email, "member");
    const row = await db.invitation.findFirstOrThrow({ where: { teamId } });
    expect(row.tokenHash).not.toContain(token); // only a hash is stored
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    await expect(m.inv.acceptInvitation(other, token)).rejects.toMatchObject({
      code: "forbidden",
      messageKey: "teamErr.invitationOtherEmail",
      values: { email: invitee.email },
    });
    expect(await m.inv.inspectInvitation(other, token)).toMatchObject({ state: "valid", wrongUser: true });
    await m.inv.acceptInvitation(invitee, token);
    await expect(m.inv.acceptInvitation(invitee, token)).rejects.toMatchObject({ code: "not_found" });
    expect(await m.inv.inspectInvitation(invitee, token)).toEqual({ state: "used" });

    const late = await user("late");
    const { token: t2 } = await m.inv.createInvitation(owner, teamId, late.email, "member");
    await db.invitation.updateMany({
      where: { teamId, email: late.email },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await expect(m.inv.acceptInvitation(late, t2)).rejects.toMatchObject({ code: "not_found" });
    expect(await m.inv.inspectInvitation(late, t2)).toEqual({ state: "expired" });
    // Members can't invite; admins can't invite admins.
    await expect(m.inv.createInvitation(invitee, teamId, "x@example.test", "member")).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});

describe("sharing", () => {
  let keyOwner: CurrentUser, member: CurrentUser, outsider: CurrentUser, stranger: CurrentUser;
  let teamId: string, readKey: string, tradeKey: string;

  beforeAll(async () => {
    keyOwner = await user("keyowner");
    member = await user("member");
    outsider = await user("outsider");
    stranger = await user("stranger");
    teamId = await m.teams.createTeam(keyOwner, "Family");
    await invite(keyOwner, teamId, member, "member");
    const otherTeam = await m.teams.createTeam(outsider, "Elsewhere");
    expect(otherTeam).toBeTruthy();
    readKey = await addDemo(keyOwner, "demo-small", "Savings (read)");
    tradeKey = await addDemo(keyOwner, "demo-trade", "Trading");
  });

  it("refuses a Read+Trade key whatever the form sends, with an audit event", async () => {
    await expect(
      m.shares.shareKey(keyOwner, { keyId: tradeKey, teamId, hideAmounts: false, allowExport: false }),
    ).rejects.toMatchObject({ code: "unprocessable", reason: "NOT_READ_ONLY" });
    actingAs = keyOwner;
    const fd = new FormData();
    for (const [k, v] of Object.entries({ keyId: tradeKey, teamId, hideAmounts: "on" })) fd.set(k, v);
    expect(await m.actions.shareKeyAction({}, fd)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Only Read-only keys can be shared/),
    });
    expect(await db.keyShare.count({ where: { keyId: tradeKey } })).toBe(0);
    expect(await db.auditEvent.count({ where: { keyRef: tradeKey, action: "key.share", outcome: "denied" } })).toBe(2);
  });

  it("lets members read a shared key with amounts hidden, never manage it; others get 404", async () => {
    await m.shares.shareKey(keyOwner, { keyId: readKey, teamId, hideAmounts: true, allowExport: false });
    const list = await m.queries.listKeysForUser(member);
    expect(list.find((k) => k.id === readKey)).toMatchObject({
      role: "member",
      sharedVia: ["Family"],
      hideAmounts: true,
      fragment: "",
      lastValueEur: null,
    });
    const b = await balances(member, readKey);
    expect(b.amountsHidden).toBe(true);
    expect(b.data.balances.every((x) => x.available === "" && x.locked === "")).toBe(true);
    const ownerView = await balances(keyOwner, readKey);
    expect(ownerView.data.balances.some((x) => x.available !== "")).toBe(true); // the shared cache was not redacted
    const p = await m.portfolio.readValuation(member, readKey);
    expect(p).toMatchObject({ amountsHidden: true, totalEur: "" });
    expect(p.rows.every((r) => r.total === "" && r.valueEur === "")).toBe(true);
    expect(p.rows.filter((r) => r.sharePct !== null).length).toBeGreaterThan(0);
    const orders = await m.history.listOrdersPage(member, readKey, { status: "all", pageSize: 20 });
    expect(orders.amountsHidden).toBe(true);
    expect(
      orders.items.every((o) => o.order.amount === "" && (o.trades ?? []).every((t) => t.fee.fee_amount === "")),
    ).toBe(true);
    await expect(
      m.exportRun.startExport(member, readKey, {
        kind: "trades",
        from: "2026-01-01T00:00:00.000Z",
        to: "2026-01-02T00:00:00.000Z",
        status: "all",
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(m.queries.getKeyRowForOwner(member, readKey)).rejects.toMatchObject({ code: "forbidden" });
    for (const who of [outsider, stranger]) {
      await expect(balances(who, readKey)).rejects.toMatchObject({ code: "not_found" });
      await expect(m.portfolio.readValuation(who, readKey)).rejects.toMatchObject({ code: "not_found" });
    }
  });

  it("counts member reads per member, key and day for the owner's activity page", async () => {
    const reads = await m.audit.memberReads(keyOwner, { group: "all" });
    const mine = reads.find((r) => r.member === member.email && r.keyRef === readKey);
    expect(mine?.reads).toBeGreaterThanOrEqual(3);
    expect(await m.audit.memberReads(member, { group: "all" })).toEqual([]);
    const events = await m.audit.listActivity(keyOwner, { group: "keys" });
    expect(events.events.map((e) => e.action)).toEqual(expect.arrayContaining(["key.shared", "key.add"]));
  });

  it("a member can never cause a non-GET upstream call", async () => {
    const before = await counters();
    await balances(member, readKey);
    await m.read.readKeyData(member, readKey, "fees", {}, (c, k) => c.getAccountFees(k), { refresh: true });
    await m.read.readKeyData(member, readKey, "trading-volume", {}, (c, k) => c.getTradingVolume(k), { refresh: true });
    await m.history.listTradesPage(member, readKey, { status: "all", pageSize: 10 });
    await m.portfolio.readValuation(member, readKey, { refresh: true });
    const after = await counters();
    expect((after.byMethod.GET ?? 0) - (before.byMethod.GET ?? 0)).toBeGreaterThan(0);
    for (const method of ["POST", "DELETE", "PUT", "PATCH"])
      expect(after.byMethod[method] ?? 0).toBe(before.byMethod[method] ?? 0);
  });

  it("unsharing and removal take effect on the next request", async () => {
    const extra = await user("extra");
    await invite(keyOwner, teamId, extra, "member");
    await balances(extra, readKey);
    const memberRow = await db.teamMember.findFirstOrThrow({ where: { teamId, userId: extra.id } });
    await m.teams.removeMember(keyOwner, teamId, memberRow.id);
    await expect(balances(extra, readKey)).rejects.toMatchObject({ code: "not_found" });
    await m.shares.unshareKey(keyOwner, readKey, teamId);
    await expect(balances(member, readKey)).rejects.toMatchObject({ code: "not_found" });
    expect((await m.queries.listKeysForUser(member)).find((k) => k.id === readKey)).toBeUndefined();
    await m.shares.shareKey(keyOwner, { keyId: readKey, teamId, hideAmounts: false, allowExport: true });
    const b = await balances(member, readKey);
    expect(b.amountsHidden).toBeUndefined();
  });

  it("a shared key revoked at the exchange shows as revoked to members and owner alike, audited", async () => {
    const revKey = await addDemo(keyOwner, "demo-read", "Soon revoked");
    await m.shares.shareKey(keyOwner, { keyId: revKey, teamId, hideAmounts: false, allowExport: false });
    await fetch(`${sim.controlUrl}/keys/revoke`, {
      method: "POST",
      body: JSON.stringify({ jti: sim.demoKeys["demo-read"]!.jti }),
    });
    const seen = await balances(member, revKey).catch((e: unknown) => e);
    expect(seen).toMatchObject(
      seen instanceof Error ? { reason: "APIKEY_REVOKED" } : { source: "stale", staleReason: "key_revoked" },
    );
    const forOwner = (await m.queries.listKeysForUser(keyOwner)).find((k) => k.id === revKey);
    const forMember = (await m.queries.listKeysForUser(member)).find((k) => k.id === revKey);
    expect(forOwner?.status).toBe("revoked");
    expect(forMember?.status).toBe("revoked");
    expect(await db.auditEvent.count({ where: { keyRef: revKey, action: "key.status_changed" } })).toBe(1);
  });
});

describe("invitation e-mail", () => {
  it("mails the single-use link when SMTP is configured, and still shows it", async () => {
    const { SMTPServer } = await import("smtp-server");
    const received: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, _session, done) {
        let raw = "";
        stream.on("data", (c: Buffer) => (raw += c.toString()));
        stream.on("end", () => {
          received.push(raw);
          done();
        });
      },
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.server.address() as { port: number }).port;
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    resetEnvCache();
    (await import("@/lib/mail")).resetMailTransport();
    try {
      const owner = await user("mailer");
      await db.user.update({ where: { id: owner.id }, data: { emailVerifiedAt: new Date() } });
      const teamId = await m.teams.createTeam(owner, "Mailed team");
      actingAs = owner;
      const fd = new FormData();
      fd.set("teamId", teamId);
      fd.set("email", "invitee@example.test");
      fd.set("role", "member");
      const state = await m.actions.inviteAction({}, fd);
      actingAs = null;
      expect(state).toMatchObject({ ok: true, message: expect.stringMatching(/sent by e-mail/) });
      // The mail goes out from the queue (lib/teams/invitation-mail.ts).
      const queue = await import("@/lib/alerts/queue");
      await (await import("@/lib/teams/invitation-mail")).workInvitationMail(await queue.getBoss());
      for (let i = 0; i < 300 && received.length < 1; i++) await new Promise((r) => setTimeout(r, 100));
      expect(received).toHaveLength(1);
      const mail = received[0]!.replace(/=\r?\n/g, "");
      expect(mail).toMatch(/To: invitee@example\.test/);
      expect(mail).toContain(state.link!);
      expect(mail).toContain("Mailed team");
    } finally {
      delete process.env.SMTP_URL;
      resetEnvCache();
      (await import("@/lib/mail")).resetMailTransport();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe("server actions × roles", () => {
  it("authorizes every team action for every role", async () => {
    const keyOwner = await user("k-owner");
    const teamOwner = await user("t-owner");
    const admin = await user("t-admin");
    const member = await user("t-member");
    const otherTeam = await user("o-member");
    const stranger = await user("stranger");
    const roles: [string, CurrentUser | null][] = [
      ["key owner", keyOwner],
      ["team owner", teamOwner],
      ["team admin", admin],
      ["team member", member],
      ["other team", otherTeam],
      ["stranger", stranger],
      ["signed out", null],
    ];

    const keyId = await addDemo(keyOwner, "demo-small", "Matrix key");
    // A fresh world per cell, so every action meets the same state (its own teams, members and
    // invitations; the one key, shared with no team when the cell acts).
    // Members are written as rows (joining by invitation is tested above): the matrix is about
    // who may act, and ~40 worlds built through the invitation flow cost minutes on a busy machine.
    async function world() {
      const [teamId, t2, victim] = await Promise.all([
        m.teams.createTeam(teamOwner, "Matrix"),
        m.teams.createTeam(otherTeam, "Other"),
        user("victim"),
      ]);
      await db.teamMember.createMany({
        data: [
          { teamId, userId: admin.id, role: "admin" },
          { teamId, userId: member.id, role: "member" },
          { teamId, userId: keyOwner.id, role: "admin" },
          { teamId, userId: victim.id, role: "member" },
        ],
      });
      const victimRow = await db.teamMember.findFirstOrThrow({ where: { teamId, userId: victim.id } });
      const { token } = await m.inv.createInvitation(teamOwner, teamId, randomEmail("pending"), "member");
      const pending = await db.invitation.findFirstOrThrow({ where: { teamId, acceptedAt: null } });
      return { teamId, t2, keyId, victimRow, token, pending };
    }
    type W = Awaited<ReturnType<typeof world>>;
    const fd = (o: Record<string, string>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(o)) f.set(k, v);
      return f;
    };
    const actions: [string, (w: W) => Promise<unknown>, (w: W) => Promise<boolean>][] = [
      [
        "renameTeam",
        (w) => m.actions.renameTeamAction({}, fd({ teamId: w.teamId, name: "Renamed" })),
        async (w) => (await db.team.findUnique({ where: { id: w.teamId } }))?.name === "Renamed",
      ],
      [
        "invite",
        (w) =>
          m.actions.inviteAction({}, fd({ teamId: w.teamId, email: `new-${w.teamId}@example.test`, role: "member" })),
        async (w) =>
          (await db.invitation.count({ where: { teamId: w.teamId, email: `new-${w.teamId}@example.test` } })) === 1,
      ],
      [
        "revokeInvitation",
        (w) => m.actions.revokeInvitationAction({}, fd({ teamId: w.teamId, invitationId: w.pending.id })),
        async (w) => Boolean((await db.invitation.findUnique({ where: { id: w.pending.id } }))?.revokedAt),
      ],
      [
        "removeMember",
        (w) => m.actions.removeMemberAction({}, fd({ teamId: w.teamId, memberId: w.victimRow.id })),
        async (w) => !(await db.teamMember.findUnique({ where: { id: w.victimRow.id } })),
      ],
      [
        "shareKey",
        (w) => m.actions.shareKeyAction({}, fd({ teamId: w.teamId, keyId: w.keyId })),
        async (w) => (await db.keyShare.count({ where: { keyId: w.keyId, teamId: w.teamId } })) === 1,
      ],
      [
        "deleteTeam",
        (w) =>
          m.actions
            .deleteTeamAction({}, fd({ teamId: w.teamId, confirmName: "Matrix", expectedName: "Matrix" }))
            .catch((e: { digest?: string }) => {
              if (!e.digest?.startsWith("NEXT_REDIRECT")) throw e;
            }),
        async (w) => !(await db.team.findUnique({ where: { id: w.teamId } })),
      ],
    ];
    // Who may: [key owner (an admin here), team owner, team admin, team member, other team, stranger, signed out]
    const allowed: Record<string, boolean[]> = {
      renameTeam: [false, true, false, false, false, false, false],
      invite: [true, true, true, false, false, false, false],
      revokeInvitation: [true, true, true, false, false, false, false],
      removeMember: [true, true, true, false, false, false, false],
      shareKey: [true, false, false, false, false, false, false],
      deleteTeam: [false, true, false, false, false, false, false],
    };
    const table: string[][] = [["action", ...roles.map(([r]) => r)]];
    const failures: string[] = [];
    for (const [name, run, effect] of actions) {
      const row = [name];
      // A row's worlds are independent of each other: built together, then each cell acts alone
      // (actingAs is one variable).
      const worlds = await Promise.all(roles.map(() => world()));
      for (let i = 0; i < roles.length; i++) {
        const w = worlds[i]!;
        await db.keyShare.deleteMany({ where: { keyId } }); // no earlier cell's share left
        actingAs = roles[i]![1];
        let outcome: string;
        try {
          const r = (await run(w)) as { ok?: boolean } | undefined;
          outcome = (await effect(w)) ? "done" : r && r.ok === false ? "refused" : "no effect";
        } catch (e) {
          outcome = (e as { code?: string }).code === "unauthorized" ? "401" : `threw ${(e as Error).message}`;
        }
        actingAs = null;
        const expectDone = allowed[name]![i]!;
        const good = expectDone ? outcome === "done" : outcome === "refused" || outcome === "401";
        if (!good) failures.push(`${name} as ${roles[i]![0]}: ${outcome}`);
        row.push(outcome);
      }
      table.push(row);
    }
    const widths = table[0]!.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
    console.log(
      `Server actions × roles\n${table.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")).join("\n")}`,
    );
    expect(failures).toEqual([]);
  });
});
