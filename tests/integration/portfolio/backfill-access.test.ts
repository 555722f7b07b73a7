// GET /api/keys/:id/backfill over the route handler with real sessions: the owner and a team
// member (even one whose share hides amounts: the progress carries none) see the rebuild's
// state; a signed-in stranger gets 404, nobody signed in 401. No exchange call is made.
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { resetEnvCache } from "@/lib/env";
import { db, disconnectDb } from "@/lib/db";
import { addKeyForUser } from "@/lib/keys/add-key";
import { createTeam } from "@/lib/teams/teams";
import { acceptInvitation, createInvitation } from "@/lib/teams/invitations";
import { getGate } from "@/lib/limiter/instance";
import type { CurrentUser } from "@/lib/sessions/session";
import { newTestUser } from "../../helpers/users";
import { mintSessionCookie } from "../../helpers/sessions";
import { TEST_SECRETS } from "../../helpers/test-secrets";

let sim: RunningSimulator;
let keyId: string;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  sim = await startSimulator({ port: 0, controlPort: 0, seed: "backfill-access" });
  Object.assign(process.env, { EXCHANGE_BASE_URL: sim.url, SIMULATOR_CONTROL_URL: sim.controlUrl, REDIS_URL: "" });
  resetEnvCache();
  const [owner, member, stranger]: CurrentUser[] = await Promise.all([
    newTestUser("bfa-own"),
    newTestUser("bfa-mem"),
    newTestUser("bfa-str"),
  ]);
  const r = await addKeyForUser(
    { user: owner!, steppedUp: true },
    { label: "Backfill access", key: sim.demoKeys["demo-small"]!.key },
  );
  if (!r.ok) throw new Error(r.message);
  keyId = r.keyRowId;
  const teamId = await createTeam(owner!, "Backfill team");
  const { token } = await createInvitation(owner!, teamId, member!.email, "member");
  await acceptInvitation(member!, token);
  await db.keyShare.create({ data: { keyId, teamId, hideAmounts: true, allowExport: false } });
  for (const [name, u] of Object.entries({ owner, member, stranger }))
    cookies[name] = await mintSessionCookie(u!, TEST_SECRETS.AUTH_SECRET);
});
afterAll(async () => {
  await sim.close();
  await disconnectDb();
});

async function call(who: string | null): Promise<{ status: number; body: Record<string, unknown> }> {
  const req = new Request(`http://localhost:3000/api/keys/${keyId}/backfill`, {
    headers: who ? { cookie: cookies[who]! } : {},
  });
  const { GET } = await import("@/app/api/[...path]/route");
  const res = await GET(req);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

it("adding the key queued its rebuild; owner and members see its progress, others don't", async () => {
  const upstream = jest.spyOn(getGate(), "fetch");
  try {
    const own = await call("owner");
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ state: "queued", daysDone: 0, daysTotal: 0, maxDays: 90 });
    await db.keyBackfill.update({ where: { keyId }, data: { state: "running", daysDone: 30, daysTotal: 90 } });
    const mem = await call("member");
    expect(mem.status).toBe(200);
    expect(mem.body).toMatchObject({ state: "running", daysDone: 30, daysTotal: 90 });
    expect(Object.keys(mem.body).sort()).toEqual(
      ["state", "daysDone", "daysTotal", "maxDays", "reason", "updatedAt", "from", "to", "firstRecordedAt"].sort(),
    );
    expect((await call("stranger")).status).toBe(404);
    expect((await call(null)).status).toBe(401);
    expect(upstream).not.toHaveBeenCalled();
  } finally {
    upstream.mockRestore();
  }
});
