// The key vault against real PostgreSQL and the simulator over HTTP.
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { resetEnvCache } from "@/lib/env";
import { db, disconnectDb } from "@/lib/db";
import { registerUser } from "@/lib/sign-up/users";
import { addKeyForUser, type AddKeyResult } from "@/lib/keys/add-key";
import { withKeyCredentials } from "@/lib/keys/credentials";
import { recheckKeyForOwner } from "@/lib/keys/recheck-key";
import { deleteKeyForOwner } from "@/lib/keys/delete-key";
import { listKeysForUser } from "@/lib/keys/queries";
import type { CurrentUser } from "@/lib/sessions/session";
import { randomEmail } from "../../helpers/random";
import { fakeKey } from "../../helpers/fake-keys";

let sim: RunningSimulator;
let user: CurrentUser;

async function newUser(): Promise<CurrentUser> {
  const email = randomEmail("vault");
  const reg = await registerUser({ email, password: "a long enough passphrase" });
  if (!reg.ok) throw new Error("setup");
  return { id: reg.userId, email, name: null, sessionId: "test-session" };
}

const add = (
  key: string,
  opts: { steppedUp?: boolean; confirmation?: string; confirmTrade?: "yes"; label?: string; as?: CurrentUser } = {},
) =>
  addKeyForUser(
    { user: opts.as ?? user, steppedUp: opts.steppedUp ?? false },
    { label: opts.label ?? "My key", key, confirmation: opts.confirmation, confirmTrade: opts.confirmTrade },
  );

function expectFailure(r: AddKeyResult, code: string, message?: RegExp) {
  if (r.ok) throw new Error(`expected ${code}, got success`);
  expect(r.code).toBe(code);
  if (message) expect(r.message).toMatch(message);
  return r;
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, controlPort: 0, seed: "vault" });
  process.env.EXCHANGE_BASE_URL = sim.url;
  process.env.SIMULATOR_CONTROL_URL = sim.controlUrl;
  resetEnvCache();
  user = await newUser();
});
afterAll(async () => {
  await sim.close();
  await disconnectDb();
});

it("adds a Read-only key: verified live, claims decoded, stored encrypted", async () => {
  const demo = sim.demoKeys["demo-read"]!;
  const r = await add(demo.key, { label: "Read only" });
  if (!r.ok) throw new Error(r.message);
  expect(r.check.outcome).toBe("verified");
  const [view] = await listKeysForUser(user);
  expect(view).toMatchObject({
    label: "Read only",
    scopes: ["READ_ONLY"],
    ips: [],
    accountId: demo.accountId,
    status: "active",
    keyIdShort: demo.jti.slice(0, 8),
  });
  expect(view!.fragment).toBe(`…${demo.key.slice(-4)}`);
  const raw = await db.apiKey.findUniqueOrThrow({
    where: { id: r.keyRowId },
    select: { secretCiphertext: true, secretWrappedKey: true },
  });
  expect(Buffer.from(raw.secretCiphertext).includes(Buffer.from(demo.key.split(".")[2]!.slice(0, 40)))).toBe(false);
  expect(await withKeyCredentials(r.keyRowId, async (k) => k === demo.key)).toBe(true);
  const audit = await db.auditEvent.findFirst({ where: { keyRef: r.keyRowId, action: "key.add" } });
  expect(audit?.outcome).toBe("success");
});

it("refuses the same key twice with a pointer to the existing entry", async () => {
  const r = expectFailure(
    await add(sim.demoKeys["demo-read"]!.key),
    "duplicate",
    /already added this key as “Read only”/,
  );
  expect(r.existingKeyRowId).toEqual(expect.any(String));
});

it("a Trade key needs its confirmation, even within a step-up window, and a step-up; then it is added with its scopes", async () => {
  const key = sim.demoKeys["demo-trade"]!.key;
  expectFailure(await add(key, { steppedUp: true }), "needs_trade_confirmation", /Tick the box/);
  expectFailure(await add(key, { confirmTrade: "yes" }), "needs_step_up", /password again/);
  const r = await add(key, { steppedUp: true, confirmTrade: "yes", label: "Trader" });
  expect(r.ok).toBe(true);
  const view = (await listKeysForUser(user)).find((k) => k.label === "Trader");
  expect(view?.scopes.sort()).toEqual(["READ_ONLY", "TRADE"]);
});

it("a Withdraw key needs the typed confirmation and a step-up", async () => {
  const key = sim.demoKeys["demo-all"]!.key;
  expectFailure(await add(key, { steppedUp: true }), "needs_confirmation", /Type WITHDRAW/);
  expectFailure(await add(key, { steppedUp: true, confirmation: "withdraw please" }), "needs_confirmation");
  expectFailure(await add(key, { confirmation: "WITHDRAW", confirmTrade: "yes" }), "needs_step_up");
  expect((await add(key, { steppedUp: true, confirmation: "WITHDRAW", label: "Everything" })).ok).toBe(true);
});

it("an IP-restricted key that excludes this server is refused with the IP to add", async () => {
  expectFailure(
    await add(sim.demoKeys["demo-iprestricted"]!.key, { label: "Restricted" }),
    "rejected_by_exchange",
    /This server's IP address \(127\.0\.0\.1\) is not on the key's IP allow-list/,
  );
});

it("a key revoked at the exchange is refused: create a new one", async () => {
  const minted = (await (
    await fetch(`${sim.controlUrl}/keys`, {
      method: "POST",
      body: JSON.stringify({ scopes: ["READ_ONLY"], account: "revoked-one" }),
    })
  ).json()) as { key: string; jti: string };
  await fetch(`${sim.controlUrl}/keys/revoke`, { method: "POST", body: JSON.stringify({ jti: minted.jti }) });
  expectFailure(await add(minted.key), "rejected_by_exchange", /deleted \(revoked\) at the exchange.*create a new one/);
});

it("a well-formed key this exchange didn't sign is refused as not from this exchange", async () => {
  expectFailure(await add(fakeKey().key), "rejected_by_exchange", /isn't a key from this exchange, or it was mistyped/);
});

it.each([
  ["", /Paste the API key/],
  ["hello", /three parts separated by dots/],
  ["a.b", /three parts/],
  ["eyJ!!.eyJ.sig", /characters an API key can't have/],
  ["x".repeat(9000), /far longer/],
])("malformed input %#: a specific message and nothing stored", async (input, message) => {
  const before = await db.apiKey.count({ where: { ownerId: user.id } });
  expectFailure(await add(input), "bad_format", message);
  expect(await db.apiKey.count({ where: { ownerId: user.id } })).toBe(before);
});

it("exchange down: a clear message, nothing stored", async () => {
  const other = await newUser();
  const down = await startSimulator({ port: 0, controlPort: 0, seed: "vault" });
  const key = down.demoKeys["demo-small"]!.key;
  await down.close();
  process.env.EXCHANGE_BASE_URL = "http://127.0.0.1:9/public/v1";
  resetEnvCache(); // the gate's exchange client follows the settings
  const r = await addKeyForUser({ user: other, steppedUp: false }, { label: "x", key });
  process.env.EXCHANGE_BASE_URL = sim.url;
  resetEnvCache();
  expectFailure(r, "exchange_unavailable", /can't be reached/);
  expect(await db.apiKey.count({ where: { ownerId: other.id } })).toBe(0);
});

it("check again: a key revoked later shows as revoked, with an audit event", async () => {
  const minted = (await (
    await fetch(`${sim.controlUrl}/keys`, {
      method: "POST",
      body: JSON.stringify({ scopes: ["READ_ONLY"], account: "later-revoked" }),
    })
  ).json()) as { key: string; jti: string };
  const r = await add(minted.key, { label: "Soon revoked" });
  if (!r.ok) throw new Error(r.message);
  await fetch(`${sim.controlUrl}/keys/revoke`, { method: "POST", body: JSON.stringify({ jti: minted.jti }) });
  await recheckKeyForOwner(user, r.keyRowId);
  const view = (await listKeysForUser(user)).find((k) => k.id === r.keyRowId)!;
  expect(view.status).toBe("revoked");
  expect(view.statusDetail).toMatch(/revoked/);
  expect(await db.auditEvent.count({ where: { keyRef: r.keyRowId, action: "key.check", outcome: "failure" } })).toBe(1);
});

it("another user cannot see, check or delete someone's key (not found)", async () => {
  const stranger = await newUser();
  const [mine] = await listKeysForUser(user);
  await expect(recheckKeyForOwner(stranger, mine!.id)).rejects.toMatchObject({ code: "not_found" });
  await expect(deleteKeyForOwner(stranger, mine!.id, mine!.label)).rejects.toMatchObject({ code: "not_found" });
  expect(await listKeysForUser(stranger)).toEqual([]);
});

it("delete needs the exact label, then removes the row and its ciphertext", async () => {
  const view = (await listKeysForUser(user)).find((k) => k.label === "Read only")!;
  expect(await deleteKeyForOwner(user, view.id, "read only")).toEqual({
    ok: false,
    message: "Type the key's name exactly (“Read only”) to confirm.",
  });
  expect(await deleteKeyForOwner(user, view.id, "Read only")).toEqual({ ok: true, label: "Read only" });
  expect(await db.apiKey.count({ where: { id: view.id } })).toBe(0);
  const rows = await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "ApiKey" WHERE id = $1`, view.id);
  expect(Number(rows[0]!.n)).toBe(0);
  expect(await db.auditEvent.count({ where: { keyRef: view.id, action: "key.delete" } })).toBe(1);
});
