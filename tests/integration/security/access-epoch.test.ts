// Session and key-access rows are reused across requests (lib/sessions/access-epoch.ts). Every
// revocation must still take effect on the very next request: here the rows are in use (read
// twice first), then each change is made straight in SQL, as another instance or an operator
// would (nothing in this process hears of it), and the next read over HTTP is refused.
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { resetEnvCache } from "@/lib/env";
import { db, disconnectDb } from "@/lib/db";
import { addKeyForUser } from "@/lib/keys/add-key";
import type { CurrentUser } from "@/lib/sessions/session";
import { closeExchangeClient } from "@/lib/limiter/exchange-client";
import { newTestUser } from "../../helpers/users";
import { mintSessionCookie } from "../../helpers/sessions";
import { TEST_SECRETS } from "../../helpers/test-secrets";

let sim: RunningSimulator;
let server: Server;
let base: string;

function get(path: string, cookie: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { headers: { cookie } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>,
        }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

const errorCode = (a: { body: Record<string, unknown> }) => (a.body.error as { code?: string } | undefined)?.code;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, controlPort: 0, seed: "access-epoch" });
  Object.assign(process.env, { EXCHANGE_BASE_URL: sim.url, SIMULATOR_CONTROL_URL: sim.controlUrl, REDIS_URL: "" });
  resetEnvCache();
  // `npm start`'s direct server, on the source modules.
  const { directListener } = await import("@/lib/http/direct-api");
  const { api } = await import("@/app/api/_routes");
  server = createServer(directListener(api, (req, res) => res.writeHead(599).end()));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await closeExchangeClient();
  await sim.close();
  await disconnectDb();
});

/** An owner's key shared with a team of one member; both signed in. */
async function sharedKey(prefix: string) {
  const owner = await newTestUser(`${prefix}-owner`);
  const member = await newTestUser(`${prefix}-member`);
  const added = await addKeyForUser(
    { user: owner, steppedUp: true },
    { label: prefix, key: sim.demoKeys["demo-read"]!.key, confirmation: "WITHDRAW", confirmTrade: "yes" },
  );
  if (!added.ok) throw new Error(added.message);
  const team = await db.team.create({ data: { name: `${prefix} desk` } });
  await db.teamMember.create({ data: { teamId: team.id, userId: owner.id, role: "owner" } });
  await db.teamMember.create({ data: { teamId: team.id, userId: member.id, role: "member" } });
  await db.keyShare.create({ data: { keyId: added.keyRowId, teamId: team.id, createdById: owner.id } });
  const cookie = async (u: CurrentUser) => mintSessionCookie(u, TEST_SECRETS.AUTH_SECRET);
  const path = `/api/keys/${added.keyRowId}/balances`;
  return {
    owner,
    member,
    team,
    keyRowId: added.keyRowId,
    path,
    ownerCookie: await cookie(owner),
    memberCookie: await cookie(member),
  };
}

/** Two reads: the second one is served from the rows the first one kept. */
async function readTwice(path: string, cookie: string) {
  for (let i = 0; i < 2; i++) expect((await get(path, cookie)).status).toBe(200);
}

const epoch = async () =>
  (await db.$queryRaw<{ value: bigint }[]>`SELECT "value" FROM "AccessEpoch" WHERE id = 1`)[0]!.value;

it("unsharing: the member's very next read is not_found", async () => {
  const s = await sharedKey("unshare");
  await readTwice(s.path, s.memberCookie);
  await db.$executeRaw`DELETE FROM "KeyShare" WHERE "keyId" = ${s.keyRowId}`;
  const next = await get(s.path, s.memberCookie);
  expect(next.status).toBe(404);
  expect(errorCode(next)).toBe("not_found");
  expect((await get(s.path, s.ownerCookie)).status).toBe(200);
});

it("removal from the team, and the team deleted: the very next read is not_found", async () => {
  const s = await sharedKey("removal");
  await readTwice(s.path, s.memberCookie);
  await db.$executeRaw`DELETE FROM "TeamMember" WHERE "userId" = ${s.member.id}`;
  expect(errorCode(await get(s.path, s.memberCookie))).toBe("not_found");

  const t = await sharedKey("team-gone");
  await readTwice(t.path, t.memberCookie);
  await db.$executeRaw`DELETE FROM "Team" WHERE id = ${t.team.id}`;
  expect(errorCode(await get(t.path, t.memberCookie))).toBe("not_found");
});

it("hiding amounts: the member's very next read has none", async () => {
  const s = await sharedKey("hide");
  await readTwice(s.path, s.memberCookie);
  await db.$executeRaw`UPDATE "KeyShare" SET "hideAmounts" = true WHERE "keyId" = ${s.keyRowId}`;
  const next = await get(s.path, s.memberCookie);
  expect(next.status).toBe(200);
  expect(next.body.amountsHidden).toBe(true);
});

it("a revoked session: its very next request is unauthorized, the same user's other session still reads", async () => {
  const s = await sharedKey("session");
  const other = await mintSessionCookie(s.member, TEST_SECRETS.AUTH_SECRET);
  await readTwice(s.path, s.memberCookie);
  await readTwice(s.path, other);
  await db.$executeRaw`UPDATE "UserSession" SET "revokedAt" = now()
    WHERE id = (SELECT id FROM "UserSession" WHERE "userId" = ${s.member.id} ORDER BY "createdAt" LIMIT 1)`;
  expect((await get(s.path, s.memberCookie)).status).toBe(401);
  expect((await get(s.path, other)).status).toBe(200);
  await db.$executeRaw`DELETE FROM "UserSession" WHERE "userId" = ${s.member.id}`;
  expect((await get(s.path, other)).status).toBe(401);
});

it("an emergency stop: the very next read of owner and member alike is refused", async () => {
  const s = await sharedKey("stop");
  await readTwice(s.path, s.ownerCookie);
  await readTwice(s.path, s.memberCookie);
  await db.$executeRaw`UPDATE "ApiKey" SET status = 'stopped' WHERE id = ${s.keyRowId}`;
  for (const cookie of [s.ownerCookie, s.memberCookie]) {
    const next = await get(s.path, cookie);
    expect(next.status).toBe(403);
    expect((next.body.error as { reason?: string }).reason).toBe("KEY_STOPPED");
  }
});

it("the epoch stays put for what decides nothing: a session's and a key's routine touches", async () => {
  const s = await sharedKey("touch");
  await readTwice(s.path, s.memberCookie);
  const before = await epoch();
  await db.$executeRaw`UPDATE "UserSession" SET "lastUsedAt" = now() WHERE "userId" = ${s.member.id}`;
  await db.$executeRaw`UPDATE "ApiKey" SET "lastSuccessAt" = now(), "lastUsedAt" = now() WHERE id = ${s.keyRowId}`;
  await db.userSession.create({ data: { userId: s.member.id } });
  expect(await epoch()).toBe(before);
  await db.$executeRaw`UPDATE "KeyShare" SET "allowExport" = true WHERE "keyId" = ${s.keyRowId}`;
  expect(await epoch()).toBeGreaterThan(before);
});
