// GET /api/live over the route handler with real sessions, for each role: the owner and a member
// whose share shows amounts get the key's valuation; a member whose share hides amounts gets
// percentages and never an amount, a EUR value or the total; a signed-in stranger gets 404 and
// nobody signed in 401, before anything streams. Access ending mid-stream (a member removed, a
// key stopped, a sign-out) ends the stream with an `end` event and nothing after it. The market
// stream is off here, so prices are the REST tickers the live hub polls (labelled, not "live").
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { resetEnvCache } from "@/lib/env";
import { db, disconnectDb } from "@/lib/db";
import { addKeyForUser } from "@/lib/keys/add-key";
import { createTeam, removeMember } from "@/lib/teams/teams";
import { acceptInvitation, createInvitation } from "@/lib/teams/invitations";
import type { CurrentUser } from "@/lib/sessions/session";
import type { Valuation } from "@/lib/reads/valuation";
import { getLiveHub } from "@/lib/live/route";
import { newTestUser } from "../../helpers/users";
import { mintSessionCookie } from "../../helpers/sessions";
import { TEST_SECRETS } from "../../helpers/test-secrets";
import { SseReader } from "../../helpers/sse";

let sim: RunningSimulator;
let owner: CurrentUser, member: CurrentUser, hiddenMember: CurrentUser, stranger: CurrentUser;
let keyId: string, hiddenKeyId: string, teamId: string, hiddenTeamId: string;
const cookies: Record<string, string> = {};
const readers: SseReader[] = [];

beforeAll(async () => {
  sim = await startSimulator({ port: 0, controlPort: 0, seed: "live-sse" });
  Object.assign(process.env, {
    EXCHANGE_BASE_URL: sim.url,
    SIMULATOR_CONTROL_URL: sim.controlUrl,
    REDIS_URL: "",
    MARKET_STREAM: "false",
  });
  resetEnvCache();
  [owner, member, hiddenMember, stranger] = await Promise.all([
    newTestUser("lv-own"),
    newTestUser("lv-mem"),
    newTestUser("lv-hid"),
    newTestUser("lv-str"),
  ]);
  const add = async (name: string) => {
    const r = await addKeyForUser(
      { user: owner, steppedUp: true },
      { label: `Live ${name}`, key: sim.demoKeys[name]!.key, confirmation: "WITHDRAW" },
    );
    if (!r.ok) throw new Error(r.message);
    return r.keyRowId;
  };
  keyId = await add("demo-read");
  hiddenKeyId = await add("demo-small");
  teamId = await createTeam(owner, "Live team");
  hiddenTeamId = await createTeam(owner, "Live hidden team");
  for (const [u, t] of [
    [member, teamId],
    [hiddenMember, hiddenTeamId],
  ] as const) {
    const { token } = await createInvitation(owner, t, u.email, "member");
    await acceptInvitation(u, token);
  }
  await db.keyShare.create({ data: { keyId, teamId, hideAmounts: false, allowExport: true } });
  await db.keyShare.create({
    data: { keyId: hiddenKeyId, teamId: hiddenTeamId, hideAmounts: true, allowExport: false },
  });
  for (const [name, u] of Object.entries({ owner, member, hiddenMember, stranger }))
    cookies[name] = await mintSessionCookie(u, TEST_SECRETS.AUTH_SECRET);
});
afterEach(async () => {
  await Promise.all(readers.splice(0).map((r) => r.cancel()));
});
afterAll(async () => {
  getLiveHub().shutdown();
  await sim.close();
  await disconnectDb();
});

async function open(who: string | null, keys: string[]) {
  const { GET } = await import("@/app/api/[...path]/route");
  const controller = new AbortController();
  const req = new Request(`http://localhost:3000/api/live?keys=${keys.join(",")}`, {
    headers: who ? { cookie: cookies[who]! } : {},
    signal: controller.signal,
  });
  const res = await GET(req);
  if (res.status !== 200 || !res.body) return { status: res.status, text: await res.text(), reader: null };
  const reader = new SseReader(res.body);
  readers.push(reader);
  return { status: res.status, text: "", reader };
}

const portfolioOf = (data: string) => JSON.parse(data) as { keyId: string; portfolio: Valuation };

it("the owner and a member with amounts get the key's valuation: total, allocation, EUR values, 24 h change", async () => {
  for (const who of ["owner", "member"]) {
    const { status, reader } = await open(who, [keyId]);
    expect(status).toBe(200);
    const ev = await reader!.next((e) => e.event === "portfolio");
    const { keyId: id, portfolio } = portfolioOf(ev.data);
    expect(id).toBe(keyId);
    expect(portfolio.totalEur).toMatch(/^\d+(\.\d+)?$/);
    expect(Number(portfolio.totalEur)).toBeGreaterThan(0);
    expect(portfolio.rows.some((r) => r.valueEur && r.sharePct)).toBe(true);
    expect(portfolio).toHaveProperty("change24hPct");
    // The market stream is off: the polled tickers' freshness, never "live".
    expect(portfolio.live).toBeUndefined();
    expect(portfolio.amountsHidden).toBeUndefined();
  }
});

it("a member with hidden amounts gets percentages only: no amount, no EUR value, no total", async () => {
  const own = await open("owner", [hiddenKeyId]);
  const ownerView = portfolioOf((await own.reader!.next((e) => e.event === "portfolio")).data).portfolio;
  const secrets = [
    ownerView.totalEur,
    ...ownerView.rows.flatMap((r) => [r.total, r.available, r.valueEur ?? ""]).filter((s) => s && s !== "0"),
  ];
  expect(secrets.length).toBeGreaterThan(1);
  const { status, reader } = await open("hiddenMember", [hiddenKeyId]);
  expect(status).toBe(200);
  const ev = await reader!.next((e) => e.event === "portfolio");
  const { portfolio } = portfolioOf(ev.data);
  expect(portfolio.amountsHidden).toBe(true);
  expect(portfolio.totalEur).toBe("");
  for (const r of portfolio.rows) expect([r.available, r.locked, r.total, r.valueEur]).toEqual(["", "", "", ""]);
  expect(portfolio.rows.some((r) => r.sharePct !== null)).toBe(true);
  const leaked = secrets.filter((s) => ev.data.includes(`"${s}"`));
  expect(leaked).toEqual([]);
});

it("a stranger gets 404 and nobody signed in 401, before anything streams", async () => {
  const s = await open("stranger", [keyId]);
  expect(s.status).toBe(404);
  expect(s.reader).toBeNull();
  const a = await open(null, [keyId]);
  expect(a.status).toBe(401);
  // A stranger naming one key they can see and one they can't still gets nothing.
  const mixed = await open("member", [keyId, hiddenKeyId]);
  expect(mixed.status).toBe(404);
});

it("a member removed mid-stream gets an end event and nothing after it", async () => {
  const { reader } = await open("member", [keyId]);
  await reader!.next((e) => e.event === "portfolio");
  const row = await db.teamMember.findFirstOrThrow({ where: { teamId, userId: member.id } });
  await removeMember(owner, teamId, row.id);
  const end = await reader!.next((e) => e.event === "end");
  expect(JSON.parse(end.data)).toEqual({ reason: "access_ended" });
  await reader!.ended();
  const at = reader!.events.indexOf(end);
  expect(reader!.events.slice(at + 1)).toEqual([]);
  // And a new stream is refused.
  expect((await open("member", [keyId])).status).toBe(404);
});

it("a sign-out ends the stream; so does an emergency stop of the key", async () => {
  const signedOut = await open("owner", [hiddenKeyId]);
  await signedOut.reader!.next((e) => e.event === "portfolio");
  const cookieOwnerSession = await db.userSession.findMany({ where: { userId: owner.id, revokedAt: null } });
  await db.userSession.updateMany({
    where: { id: { in: cookieOwnerSession.map((s) => s.id) } },
    data: { revokedAt: new Date() },
  });
  const end = await signedOut.reader!.next((e) => e.event === "end");
  expect(JSON.parse(end.data)).toEqual({ reason: "signed_out" });
  await signedOut.reader!.ended();

  cookies.owner = await mintSessionCookie(owner, TEST_SECRETS.AUTH_SECRET);
  const stopped = await open("owner", [hiddenKeyId]);
  await stopped.reader!.next((e) => e.event === "portfolio");
  await db.apiKey.update({ where: { id: hiddenKeyId }, data: { status: "stopped" } });
  const end2 = await stopped.reader!.next((e) => e.event === "end");
  expect(JSON.parse(end2.data)).toEqual({ reason: "key_stopped" });
});
