// "Fees paid" on real PostgreSQL and the simulator: per currency, exactly the sum of the fees of
// the simulator's own trades in the range (read here page by page, independently of Keydesk),
// and in EUR; the route answers the owner, hides amounts from a hidden share and knows no stranger.
import Decimal from "decimal.js";
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { resetEnvCache } from "@/lib/env";
import { db, disconnectDb } from "@/lib/db";
import { addKeyForUser } from "@/lib/keys/add-key";
import { requireKeyAccess } from "@/lib/keys/access";
import type { CurrentUser } from "@/lib/sessions/session";
import { createTeam } from "@/lib/teams/teams";
import { acceptInvitation, createInvitation } from "@/lib/teams/invitations";
import { newTestUser } from "../../helpers/users";
import { mintSessionCookie } from "../../helpers/sessions";
import { TEST_SECRETS } from "../../helpers/test-secrets";

let sim: RunningSimulator;
let owner: CurrentUser, member: CurrentUser, stranger: CurrentUser;
let keyRowId: string;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, controlPort: 0, seed: "fees-paid" });
  Object.assign(process.env, { EXCHANGE_BASE_URL: sim.url, SIMULATOR_CONTROL_URL: sim.controlUrl, REDIS_URL: "" });
  resetEnvCache();
  [owner, member, stranger] = await Promise.all([newTestUser("fp-own"), newTestUser("fp-mem"), newTestUser("fp-str")]);
  const r = await addKeyForUser(
    { user: owner, steppedUp: true },
    { label: "Fees", key: sim.demoKeys["demo-read"]!.key },
  );
  if (!r.ok) throw new Error(r.message);
  keyRowId = r.keyRowId;
  const teamId = await createTeam(owner, "Fees team");
  const { token } = await createInvitation(owner, teamId, member.email, "member");
  await acceptInvitation(member, token);
  await db.keyShare.create({ data: { keyId: keyRowId, teamId, hideAmounts: true, allowExport: false } });
});
afterAll(async () => {
  await sim.close();
  await disconnectDb();
});

type Trade = { fee: { fee_amount: string; fee_currency: string } };

it("sums each currency's fees in the range exactly, as the simulator's own trades give them", async () => {
  const { readFeesPaid } = await import("@/lib/reads/fees-paid");
  const now = new Date();
  const paid = await readFeesPaid(owner, await requireKeyAccess(owner, keyRowId, "read"), "90d", now);
  // The same range read here, page by page, straight from the simulator.
  const want = new Map<string, Decimal>();
  let trades = 0;
  let cursor: string | undefined;
  do {
    const q = new URLSearchParams({
      from: paid.from,
      to: paid.to,
      max_page_size: "100",
      ...(cursor ? { cursor } : {}),
    });
    const page = (await (
      await fetch(`${sim.url}/account/trades?${q}`, {
        headers: { authorization: `Bearer ${sim.demoKeys["demo-read"]!.key}` },
      })
    ).json()) as { trade_history: Trade[]; cursor?: string };
    for (const t of page.trade_history) {
      trades++;
      want.set(t.fee.fee_currency, (want.get(t.fee.fee_currency) ?? new Decimal(0)).add(t.fee.fee_amount));
    }
    cursor = page.cursor;
  } while (cursor);
  expect(trades).toBeGreaterThan(0);
  expect(paid.trades).toBe(trades);
  expect(paid.complete).toBe(true);
  expect(Object.fromEntries(paid.byCurrency.map((c) => [c.currency, new Decimal(c.amount).toFixed()]))).toEqual(
    Object.fromEntries([...want].map(([c, v]) => [c, v.toFixed()])),
  );
  // The EUR total is the sum of the currencies' EUR values.
  const sum = paid.byCurrency.reduce((s, c) => s.add(c.valueEur ?? "0"), new Decimal(0));
  expect(paid.totalEur).not.toBeNull();
  expect(new Decimal(paid.totalEur!).sub(sum).abs().lte("0.01")).toBe(true);
});

it("the route: the owner gets figures, a hidden share none, a stranger not found, nobody 401", async () => {
  const { GET } = await import("@/app/api/[...path]/route");
  const call = async (u: CurrentUser | null, range = "7d") => {
    const headers: Record<string, string> = u ? { cookie: await mintSessionCookie(u, TEST_SECRETS.AUTH_SECRET) } : {};
    const res = await GET(
      new Request(`http://localhost:3000/api/keys/${keyRowId}/fees-paid?range=${range}`, { headers }),
    );
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const own = await call(owner);
  expect(own.status).toBe(200);
  expect(own.body).toMatchObject({ range: "7d", complete: true });
  const mem = await call(member);
  expect(mem.status).toBe(200);
  expect(mem.body).toMatchObject({ amountsHidden: true, byCurrency: [], totalEur: null });
  expect((await call(stranger)).status).toBe(404);
  expect((await call(null)).status).toBe(401);
  expect((await call(owner, "5y")).status).toBe(400);
});
