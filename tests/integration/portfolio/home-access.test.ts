// The portfolio home, a key's value history and the snapshot CSV, over the route handlers with
// real sessions, for each role: the owner; a team member whose share shows amounts (and allows
// exports); the same member on a key whose share hides amounts (no amount anywhere, not even in
// the total; percentages only); a signed-in stranger; nobody signed in.
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { resetEnvCache } from "@/lib/env";
import { db, disconnectDb } from "@/lib/db";
import { addKeyForUser } from "@/lib/keys/add-key";
import { createTeam } from "@/lib/teams/teams";
import { acceptInvitation, createInvitation } from "@/lib/teams/invitations";
import type { CurrentUser } from "@/lib/sessions/session";
import { newTestUser } from "../../helpers/users";
import { mintSessionCookie } from "../../helpers/sessions";
import { TEST_SECRETS } from "../../helpers/test-secrets";

let sim: RunningSimulator;
let owner: CurrentUser, member: CurrentUser, stranger: CurrentUser;
let shown: string, hidden: string;
const cookies: Record<string, string> = {};

// The hidden key's figures: none of these may reach the member.
const HIDDEN_TOTALS = ["987654.32", "988765.43", "990000.01"];
const HIDDEN_AMOUNTS = ["4242.4242", "4343.4343"];
const hiddenRows = (i: number) => [
  { currency: "BTC", amount: HIDDEN_AMOUNTS[i % 2], priceEur: "50000", valueEur: HIDDEN_TOTALS[i] },
];
const shownRows = (i: number) => [
  { currency: "EUR", amount: `${1000 + i}.5`, priceEur: "1", valueEur: `${1000 + i}.50` },
  { currency: "ETH", amount: "2", priceEur: `${2000 + i}`, valueEur: `${4000 + 2 * i}.00` },
];

beforeAll(async () => {
  sim = await startSimulator({ port: 0, controlPort: 0, seed: "portfolio-home" });
  Object.assign(process.env, { EXCHANGE_BASE_URL: sim.url, SIMULATOR_CONTROL_URL: sim.controlUrl, REDIS_URL: "" });
  resetEnvCache();
  [owner, member, stranger] = await Promise.all([newTestUser("ph-own"), newTestUser("ph-mem"), newTestUser("ph-str")]);
  const add = async (name: string) => {
    const r = await addKeyForUser(
      { user: owner, steppedUp: true },
      { label: `Home ${name}`, key: sim.demoKeys[name]!.key, confirmation: "WITHDRAW", confirmTrade: "yes" },
    );
    if (!r.ok) throw new Error(r.message);
    return r.keyRowId;
  };
  shown = await add("demo-read");
  hidden = await add("demo-small");
  const teamId = await createTeam(owner, "Home team");
  const { token } = await createInvitation(owner, teamId, member.email, "member");
  await acceptInvitation(member, token);
  await db.keyShare.create({ data: { keyId: shown, teamId, hideAmounts: false, allowExport: true } });
  await db.keyShare.create({ data: { keyId: hidden, teamId, hideAmounts: true, allowExport: false } });
  const now = Date.now();
  for (let i = 0; i < 3; i++) {
    const at = new Date(now - (3 - i) * 3_600_000);
    await db.keySnapshot.createMany({
      data: [
        { keyId: shown, at, hour: at, totalEur: `${5000 + 3 * i}.50`, rows: shownRows(i), source: "job" },
        { keyId: hidden, at, hour: at, totalEur: HIDDEN_TOTALS[i]!, rows: hiddenRows(i), source: "job" },
      ],
    });
  }
  for (const [name, u] of Object.entries({ owner, member, stranger }))
    cookies[name] = await mintSessionCookie(u, TEST_SECRETS.AUTH_SECRET);
});
afterAll(async () => {
  await sim.close();
  await disconnectDb();
});

async function call(who: string | null, path: string): Promise<{ status: number; text: string }> {
  const url = `http://localhost:3000${path}`;
  const req = new Request(url, { headers: who ? { cookie: cookies[who]! } : {} });
  const res = await (await import("@/app/api/[...path]/route")).GET(req);
  return { status: res.status, text: await res.text() };
}

const leaksHidden = (text: string) =>
  [...HIDDEN_TOTALS, ...HIDDEN_AMOUNTS, "987654", "988765", "990000"].filter((s) => text.includes(s));

it("the portfolio home: the owner sees both keys; a hidden-amount share adds no amount, not even to the total", async () => {
  const own = await call("owner", "/api/portfolio?range=24h");
  expect(own.status).toBe(200);
  const o = JSON.parse(own.text) as {
    changeEur: string;
    priceEffectEur: string;
    balanceEffectEur: string;
    totalEur: string;
    keys: { id: string; valueEur: string | null }[];
    hiddenCount: number;
  };
  expect(o.totalEur).toBe("995006.51"); // 5006.50 + 990000.01
  expect(o.hiddenCount).toBe(0);
  // Prices: 2 ETH × +1 EUR twice on the shown key, the hidden key's BTC price flat; the rest is balances.
  expect(o).toMatchObject({ changeEur: "2351.69", priceEffectEur: "4.00", balanceEffectEur: "2347.69" });

  const mem = await call("member", "/api/portfolio?range=24h");
  expect(mem.status).toBe(200);
  expect(leaksHidden(mem.text)).toEqual([]);
  const m = JSON.parse(mem.text) as {
    totalEur: string;
    points: [string, string][];
    hiddenCount: number;
    keys: {
      id: string;
      valueEur: string | null;
      partPct: string | null;
      amountsHidden: boolean;
      allocation: unknown[];
    }[];
  };
  expect(m.totalEur).toBe("5006.50");
  expect(m.points.map((p) => p[1])).toEqual(["5000.50", "5003.50", "5006.50"]);
  expect(m.hiddenCount).toBe(1);
  const h = m.keys.find((k) => k.id === hidden)!;
  expect(h).toMatchObject({ amountsHidden: true, valueEur: null, partPct: null });
  expect(h.allocation).toEqual([{ currency: "BTC", pct: "100.0" }]);
  expect(m.keys.find((k) => k.id === shown)).toMatchObject({ valueEur: "5006.50", partPct: "100.0" });

  const str = await call("stranger", "/api/portfolio");
  expect(str.status).toBe(200);
  expect(JSON.parse(str.text)).toMatchObject({ totalEur: "0.00", keys: [] });
  expect((await call(null, "/api/portfolio")).status).toBe(401);
});

it("a key's history: amounts for the owner and a showing share, percentages only with hidden amounts", async () => {
  const own = JSON.parse((await call("owner", `/api/keys/${shown}/history?range=24h`)).text) as Record<string, unknown>;
  expect(own).toMatchObject({
    points: [expect.any(Array), expect.any(Array), expect.any(Array)],
    changeEur: "6.00",
    // Price effect: 2 ETH × +1 EUR, twice; the rest is the EUR balance growing by 1 twice.
    priceEffectEur: "4.00",
    balanceEffectEur: "2.00",
    amountsHidden: false,
  });
  const mem = await call("member", `/api/keys/${hidden}/history?range=24h`);
  expect(mem.status).toBe(200);
  expect(leaksHidden(mem.text)).toEqual([]);
  const h = JSON.parse(mem.text) as Record<string, unknown> & { points: [string, string][] };
  expect(h).toMatchObject({ amountsHidden: true, changeEur: null, priceEffectEur: null, balanceEffectEur: null });
  expect(h.points.map((p) => p[1])).toEqual(["0.00", "0.11", "0.24"]);
  expect(h.changePct).toBe("0.24");
  expect((await call("member", `/api/keys/${shown}/history`)).status).toBe(200);
  expect((await call("stranger", `/api/keys/${shown}/history`)).status).toBe(404);
  expect((await call(null, `/api/keys/${shown}/history`)).status).toBe(401);
});

it("the snapshot CSV: the owner and an exporting share get every row; a hidden share, a stranger and nobody do not", async () => {
  const own = await call("owner", `/api/keys/${shown}/history-export`);
  expect(own.status).toBe(200);
  const lines = own.text.split("\r\n").filter(Boolean);
  expect(lines[0]).toBe("time,total_eur,currency,amount,price_eur,value_eur");
  expect(lines).toHaveLength(1 + 3 * 2);
  expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z,5000\.50,EUR,1000\.5,1,1000\.50$/);
  expect((await call("member", `/api/keys/${shown}/history-export`)).status).toBe(200);
  const refused = await call("member", `/api/keys/${hidden}/history-export`);
  expect(refused.status).toBe(403);
  expect(leaksHidden(refused.text)).toEqual([]);
  expect((await call("stranger", `/api/keys/${shown}/history-export`)).status).toBe(404);
  expect((await call(null, `/api/keys/${shown}/history-export`)).status).toBe(401);
  // Paged from the database: a page size smaller than the history gives the same file.
  const { startSnapshotExport } = await import("@/lib/portfolio/export");
  const small = await startSnapshotExport(owner, shown, { pageSize: 1 });
  expect(await new Response(small.stream).text()).toBe(own.text);
});

it("a stopped key gives its members nothing more on the home, not even stored figures; its owner keeps them", async () => {
  await db.apiKey.update({ where: { id: shown }, data: { status: "stopped", stoppedAt: new Date() } });
  try {
    const mem = JSON.parse((await call("member", "/api/portfolio?range=24h")).text) as {
      totalEur: string;
      points: unknown[];
      keys: { id: string; status: string; valueEur: string | null; allocation: unknown[] }[];
      excluded: { id: string; status: string; valueEur: string | null; allocation: unknown[] }[];
    };
    expect(mem.totalEur).toBe("0.00");
    expect(mem.points).toEqual([]);
    // Listed apart from the total, with the reason; its members get no figure.
    expect(mem.keys.find((k) => k.id === shown)).toBeUndefined();
    expect(mem.excluded.find((k) => k.id === shown)).toMatchObject({
      status: "stopped",
      excludedReason: "stopped",
      valueEur: null,
      allocation: [],
    });
    const own = JSON.parse((await call("owner", "/api/portfolio?range=24h")).text) as {
      totalEur: string;
      excluded: { id: string; valueEur: string | null }[];
    };
    // Its owner sees its last value, outside the total (only the hidden key's remains).
    expect(own.excluded.find((k) => k.id === shown)?.valueEur).toBe("5006.50");
    expect(own.totalEur).toBe("990000.01");
  } finally {
    await db.apiKey.update({ where: { id: shown }, data: { status: "active", stoppedAt: null } });
  }
});
