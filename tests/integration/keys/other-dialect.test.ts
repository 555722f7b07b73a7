// Keydesk on Bitpanda Pro (/public/v1) while the platform also runs One Trading Fast: a key
// for the other dialect gets its own message (from its claims before any call, or from the
// exchange's INVALID_SUBJECT), nothing is stored, and history keeps Bitpanda Pro's rules.
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { resetEnvCache } from "@/lib/env";
import { disconnectDb, db } from "@/lib/db";
import { addKeyForUser } from "@/lib/keys/add-key";
import { newTestUser } from "../../helpers/users";

let sim: RunningSimulator;
const mint = async (body: object) =>
  (await (await fetch(`${sim.controlUrl}/keys`, { method: "POST", body: JSON.stringify(body) })).json()) as {
    key: string;
    accountId: string;
  };

beforeAll(async () => {
  sim = await startSimulator({ port: 0, controlPort: 0, seed: "other-dialect" });
  expect(sim.url).toMatch(/\/public\/v1$/);
  Object.assign(process.env, { EXCHANGE_BASE_URL: sim.url, SIMULATOR_CONTROL_URL: sim.controlUrl, REDIS_URL: "" });
  delete process.env.EXCHANGE_API;
  resetEnvCache();
});
afterAll(async () => {
  await sim.close();
  await disconnectDb();
});

it("a key for an account on One Trading Fast: the exchange's INVALID_SUBJECT becomes 'a key for One Trading Fast', in EN and DE", async () => {
  const u = await newTestUser("dialect");
  const fast = await mint({ scopes: ["READ_ONLY"], account: "moved-to-fast", dialect: "fast", orders: 0 });
  const en = await addKeyForUser({ user: u, steppedUp: false }, { label: "fast", key: fast.key });
  expect(en).toMatchObject({
    ok: false,
    code: "rejected_by_exchange",
    field: "key",
    message: expect.stringMatching(/doesn't know this key's account: it looks like a key for One Trading Fast/),
  });
  const de = await addKeyForUser({ user: u, steppedUp: false, locale: "de" }, { label: "fast", key: fast.key });
  expect(de).toMatchObject({ ok: false, message: expect.stringMatching(/Schlüssel für One Trading Fast/) });
  expect(await db.apiKey.count({ where: { ownerId: u.id } })).toBe(0);
  const audit = await db.auditEvent.findFirst({ where: { actorId: u.id, action: "key.add" }, orderBy: { at: "desc" } });
  expect(audit?.detail).toMatchObject({ reason: "INVALID_SUBJECT", dialect: "other_dialect" });
});

it("a key naming One Trading's own hosts is refused before any call, with its own message", async () => {
  const u = await newTestUser("dialect");
  const { key } = await sim.state.authority.mint({
    accountId: sim.demoKeys["demo-small"]!.accountId,
    scopes: ["READ_ONLY"],
    overrides: { aud: ["https://api.onetrading.com", "wss://streams.onetrading.com"] },
  });
  const before =
    ((await (await fetch(`${sim.controlUrl}/counters`)).json()) as { byMethod: Record<string, number> }).byMethod.GET ??
    0;
  const r = await addKeyForUser({ user: u, steppedUp: false, locale: "de" }, { label: "ot", key });
  expect(r).toMatchObject({
    ok: false,
    code: "bad_format",
    field: "key",
    message: expect.stringMatching(/für One Trading Fast.*Bitpanda-Pro-API/),
  });
  const after =
    ((await (await fetch(`${sim.controlUrl}/counters`)).json()) as { byMethod: Record<string, number> }).byMethod.GET ??
    0;
  expect(after).toBe(before);
});

it("under Bitpanda Pro, lists without dates send none (the exchange returns everything) and windows are 100 days", async () => {
  const u = await newTestUser("dialect");
  const r = await addKeyForUser(
    { user: u, steppedUp: false },
    { label: "small", key: sim.demoKeys["demo-small"]!.key },
  );
  if (!r.ok) throw new Error(r.message);
  const { listOrdersPage } = await import("@/lib/reads/history");
  const page = await listOrdersPage(u, r.keyRowId, { status: "all", pageSize: 100 });
  expect(page.defaultRange).toBeUndefined();
  expect(page.window).toBeNull();
  expect(page.windowDays).toBe(100);
  expect(page.items.length).toBe(sim.state.accounts.get(sim.demoKeys["demo-small"]!.accountId)!.orders.length);
});
