// Set-up and checks some browser tests do through lib/ directly (users, teams, keys, sessions,
// snapshots), each run in a tsx process of its own by ./lib-call.ts: Playwright's loader cannot
// load lib/ (Prisma's generated client is an ES module it does not transform); tsx, which runs
// the app's CLIs, can. Reads a task name (argv) and its JSON input (stdin); prints JSON.
import { db, disconnectDb } from "@/lib/db";
import { registerUser } from "@/lib/sign-up/users";
import { addKeyForUser } from "@/lib/keys/add-key";
import { createTeam } from "@/lib/teams/teams";
import { createInvitation, acceptInvitation } from "@/lib/teams/invitations";
import { mintSessionCookie } from "../helpers/sessions";
import { randomEmail } from "../helpers/random";
import { TEST_SECRETS } from "../helpers/test-secrets";

const PASSWORD = "a long enough passphrase";

type User = { id: string; email: string; name: null; sessionId: string };

async function newUser(prefix: string): Promise<User> {
  const email = randomEmail(prefix);
  const r = await registerUser({ email, password: PASSWORD });
  if (!r.ok) throw new Error(`could not register ${email}`);
  return { id: r.userId, email, name: null, sessionId: "e2e" };
}

async function signedIn(email: string): Promise<User> {
  const u = await db.user.findUniqueOrThrow({ where: { email } });
  return { id: u.id, email, name: null, sessionId: "e2e" };
}

async function addKey(user: User, label: string, key: string, confirmation?: string): Promise<string> {
  const added = await addKeyForUser({ user, steppedUp: true }, { label, key, confirmation, confirmTrade: "yes" });
  if (!added.ok) throw new Error(added.message);
  return added.keyRowId;
}

const tasks = {
  /** The authorization matrix's cast: a key owner (also a team admin), the team's owner, admin and member, another team's owner, a stranger. */
  async "authz-matrix"(input: { key: string }) {
    const [keyOwner, teamOwner, admin, member, other, stranger] = await Promise.all(
      ["kown", "town", "tadm", "tmem", "oth", "str"].map(newUser),
    );
    const teamId = await createTeam(teamOwner!, "Matrix team");
    for (const [u, role] of [
      [keyOwner, "admin"],
      [admin, "admin"],
      [member, "member"],
    ] as const) {
      const { token } = await createInvitation(teamOwner!, teamId, u!.email, role);
      await acceptInvitation(u!, token);
    }
    await createTeam(other!, "Another team");
    const keyId = await addKey(keyOwner!, "Matrix key", input.key);
    await db.keyShare.create({ data: { keyId, teamId, hideAmounts: false, allowExport: false } });
    const cookie = (u: User) => mintSessionCookie(u, TEST_SECRETS.AUTH_SECRET);
    return {
      keyId,
      cookies: {
        keyOwner: await cookie(keyOwner!),
        teamOwner: await cookie(teamOwner!),
        admin: await cookie(admin!),
        member: await cookie(member!),
        other: await cookie(other!),
        stranger: await cookie(stranger!),
      },
    };
  },

  /** The fuzz run's user: a key and a session cookie. */
  async "fuzz-user"(input: { key: string }) {
    const user = await newUser("fuzz");
    const keyRowId = await addKey(user, "Fuzz key", input.key);
    return { keyRowId, cookie: await mintSessionCookie(user, TEST_SECRETS.AUTH_SECRET) };
  },

  /**
   * The portfolio test's data: the owner's two keys, a team with the member, one key shared
   * with amounts, one with amounts hidden, and three hourly snapshots of each.
   */
  async portfolio(input: {
    ownerEmail: string;
    memberEmail: string;
    shownKey: string;
    hiddenKey: string;
    hiddenTotals: string[];
    hiddenAmount: string;
  }) {
    const owner = await signedIn(input.ownerEmail);
    const member = await signedIn(input.memberEmail);
    const shown = await addKey(owner, "Shown wallet", input.shownKey, "WITHDRAW");
    const hidden = await addKey(owner, "Hidden wallet", input.hiddenKey, "WITHDRAW");
    const teamId = await createTeam(owner, "Portfolio team");
    const { token } = await createInvitation(owner, teamId, member.email, "member");
    await acceptInvitation(member, token);
    await db.keyShare.create({ data: { keyId: shown, teamId, hideAmounts: false, allowExport: false } });
    await db.keyShare.create({ data: { keyId: hidden, teamId, hideAmounts: true, allowExport: false } });
    const now = Date.now();
    for (let i = 0; i < 3; i++) {
      const at = new Date(now - (i + 2) * 3_600_000);
      const total = input.hiddenTotals[2 - i]!;
      await db.keySnapshot.createMany({
        data: [
          {
            keyId: shown,
            at,
            hour: at,
            totalEur: `${5006 - 3 * i}.50`,
            rows: [{ currency: "EUR", amount: `${5006 - 3 * i}.50`, priceEur: "1", valueEur: `${5006 - 3 * i}.50` }],
            source: "job",
          },
          {
            keyId: hidden,
            at,
            hour: at,
            totalEur: total,
            rows: [{ currency: "BTC", amount: input.hiddenAmount, priceEur: "50000", valueEur: total }],
            source: "job",
          },
        ],
      });
    }
    return { shown, hidden };
  },

  /**
   * The shared-account test's data: two keys for one exchange account (the second added after
   * the question), a stopped key and a key revoked at the exchange, each with one stored value.
   */
  async "portfolio-accounts"(input: {
    ownerEmail: string;
    firstKey: string;
    secondKey: string;
    stoppedKey: string;
    revokedKey: string;
    values: { first: string; second: string; stopped: string; revoked: string };
  }) {
    const owner = await signedIn(input.ownerEmail);
    const first = await addKey(owner, "Main", input.firstKey);
    const asked = await addKeyForUser({ user: owner, steppedUp: true }, { label: "Main again", key: input.secondKey });
    if (asked.ok || asked.code !== "same_account") throw new Error("a second key for the account was not questioned");
    const added = await addKeyForUser(
      { user: owner, steppedUp: true },
      { label: "Main again", key: input.secondKey, sameAccount: "add" },
    );
    if (!added.ok) throw new Error(added.message);
    const second = added.keyRowId;
    const stopped = await addKey(owner, "Small", input.stoppedKey);
    const revoked = await addKey(owner, "Old laptop", input.revokedKey);
    const now = Date.now();
    const snap = (keyId: string, minutesAgo: number, total: string) => {
      const at = new Date(now - minutesAgo * 60_000);
      return {
        keyId,
        at,
        hour: new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000),
        totalEur: total,
        rows: [{ currency: "EUR", amount: total, priceEur: "1", valueEur: total }],
        source: "job",
      };
    };
    await db.keySnapshot.createMany({
      data: [
        snap(first, 90, input.values.first),
        snap(second, 20, input.values.second),
        snap(stopped, 30, input.values.stopped),
        snap(revoked, 40, input.values.revoked),
      ],
    });
    await db.apiKey.update({
      where: { id: stopped },
      data: { status: "stopped", stoppedAt: new Date(), stoppedById: owner.id },
    });
    await db.apiKey.update({ where: { id: revoked }, data: { status: "revoked" } });
    return { first, second, stopped, revoked };
  },

  /** A key's latest snapshot's total. */
  async "latest-snapshot"(input: { keyId: string }) {
    const latest = await db.keySnapshot.findFirstOrThrow({ where: { keyId: input.keyId }, orderBy: { at: "desc" } });
    return { totalEur: latest.totalEur.toString() };
  },

  async "register-user"(input: { email: string; password: string }) {
    const r = await registerUser(input);
    if (!r.ok) throw new Error(`could not register ${input.email}`);
    return { userId: r.userId };
  },

  /** The production-server comparison's cast: an owner's key, the owner's and a stranger's session cookies. */
  async "prod-server-cast"(input: { key: string }) {
    const [owner, stranger] = await Promise.all([newUser("prod-owner"), newUser("prod-stranger")]);
    const keyRowId = await addKey(owner!, "Prod fuzz", input.key);
    return {
      keyRowId,
      owner: await mintSessionCookie(owner!, TEST_SECRETS.AUTH_SECRET),
      stranger: await mintSessionCookie(stranger!, TEST_SECRETS.AUTH_SECRET),
    };
  },

  /** The API table's route patterns (`/api/keys/:keyId/balances`, …). */
  async "api-paths"() {
    const { API_ROUTES } = await import("@/app/api/_routes");
    return API_ROUTES.map((r) => r.path);
  },

  /** The addresses a user's sessions were recorded from. */
  async "user-sessions"(input: { userId: string }) {
    const sessions = await db.userSession.findMany({ where: { userId: input.userId }, select: { ip: true } });
    return { ips: sessions.map((s) => s.ip) };
  },
};

export type LibTasks = typeof tasks;

async function main() {
  const name = process.argv[2] as keyof LibTasks;
  const task = tasks[name] as ((input: unknown) => Promise<unknown>) | undefined;
  if (!task) throw new Error(`unknown task ${name}`);
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const out = await task(JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"));
  process.stdout.write(`\n${JSON.stringify(out)}\n`);
}

main()
  .then(() => disconnectDb())
  .then(() => process.exit(0))
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
