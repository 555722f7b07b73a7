// Replace a key in place against real PostgreSQL and the simulator: the
// successor is checked (same account, same or fewer permissions, accepted by the exchange),
// swapped in under the same entry (shares, settings, history stay; the old ciphertext is gone),
// and a member keeps reading without a new invitation, even after the old key was revoked.
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/sessions/session";
import type { Balances } from "@/lib/exchange/schemas";
import { newTestUser } from "../../helpers/users";
import { simulatorSuite } from "../../helpers/simulator-suite";

type Mods = {
  addKey: typeof import("@/lib/keys/add-key");
  replace: typeof import("@/lib/keys/replace");
  credentials: typeof import("@/lib/keys/credentials");
  teams: typeof import("@/lib/teams/teams");
  inv: typeof import("@/lib/teams/invitations");
  shares: typeof import("@/lib/teams/shares");
  read: typeof import("@/lib/reads/read");
};
let m: Mods;

const suite = simulatorSuite({ seed: "replace", env: { REDIS_URL: "" } });
const mint = (account: string, scopes: string[] = ["READ_ONLY"]) => suite.mint(account, scopes);
const revoke = (jti: string) => suite.revoke(jti);
async function add(owner: CurrentUser, key: string, label: string) {
  const r = await m.addKey.addKeyForUser(
    { user: owner, steppedUp: true },
    { label, key, confirmation: "WITHDRAW", confirmTrade: "yes" },
  );
  if (!r.ok) throw new Error(r.message);
  return r.keyRowId;
}
const replace = (user: CurrentUser, keyRowId: string, key: string, steppedUp = true) =>
  m.replace.replaceKeyForOwner({ user, steppedUp }, keyRowId, key);
const balances = (u: CurrentUser, id: string) =>
  m.read.readKeyData<Balances>(u, id, "balances", {}, (c, k) => c.getBalances(k), { refresh: true });
const ciphertext = async (id: string) =>
  Buffer.from(
    (await db.apiKey.findUniqueOrThrow({ where: { id }, select: { secretCiphertext: true } })).secretCiphertext,
  );

beforeAll(async () => {
  m = {
    addKey: await import("@/lib/keys/add-key"),
    replace: await import("@/lib/keys/replace"),
    credentials: await import("@/lib/keys/credentials"),
    teams: await import("@/lib/teams/teams"),
    inv: await import("@/lib/teams/invitations"),
    shares: await import("@/lib/teams/shares"),
    read: await import("@/lib/reads/read"),
  };
});

it("swaps a revoked shared key for its successor: the member reads again without a new invitation", async () => {
  const owner = await newTestUser("replace-owner");
  const member = await newTestUser("replace-member");
  const teamId = await m.teams.createTeam(owner, "Household");
  const { token } = await m.inv.createInvitation(owner, teamId, member.email, "member");
  await m.inv.acceptInvitation(member, token);
  const old = await mint("replace-shared");
  const id = await add(owner, old.key, "Household key");
  await m.shares.shareKey(owner, { keyId: id, teamId, hideAmounts: true, allowExport: false });
  expect((await balances(member, id)).source).toBe("live");
  const oldCipher = await ciphertext(id);

  await revoke(old.jti);
  // The owner's refresh meets the revocation (a member's refresh of a seconds-old answer is the
  // cache's, lib/limiter/reader-share.ts); from then on the key is served only its last answer, labelled.
  await balances(owner, id).catch(() => undefined);
  expect(await balances(member, id)).toMatchObject({ source: "stale", staleReason: "key_revoked" });
  expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).status).toBe("revoked");

  const next = await mint("replace-shared");
  const r = await replace(owner, id, next.key);
  expect(r).toEqual({ ok: true, keyRowId: id, verified: true });

  const row = await db.apiKey.findUniqueOrThrow({ where: { id }, include: { shares: true } });
  expect(row).toMatchObject({ label: "Household key", keyId: next.jti, status: "active", statusDetail: null });
  expect(row.shares).toEqual([expect.objectContaining({ teamId, hideAmounts: true, allowExport: false })]);
  // The member reads through the same entry, amounts still hidden, no new invitation.
  const read = await balances(member, id);
  // (Fresh from the new key; a member's refresh of a seconds-old answer comes from the cache.)
  expect(read.source).not.toBe("stale");
  expect(read.staleReason).toBeUndefined();
  expect(read.amountsHidden).toBe(true);
  // The old ciphertext is gone from the database; the stored key is the new one.
  const newCipher = await ciphertext(id);
  expect(newCipher.equals(oldCipher)).toBe(false);
  const same = await db.$queryRaw<
    { n: bigint }[]
  >`SELECT count(*) AS n FROM "ApiKey" WHERE "secretCiphertext" = ${oldCipher}`;
  expect(Number(same[0]!.n)).toBe(0);
  expect(await m.credentials.withKeyCredentials(id, async (k) => k === next.key)).toBe(true);
  // Audit history stays and gains the replacement.
  const actions = (await db.auditEvent.findMany({ where: { keyRef: id }, orderBy: { at: "asc" } })).map((e) => [
    e.action,
    e.outcome,
  ]);
  expect(actions).toEqual(
    expect.arrayContaining([
      ["key.add", "success"],
      ["key.replace", "success"],
    ]),
  );
  expect(actions.findIndex((a) => a[0] === "key.add")).toBeLessThan(actions.findIndex((a) => a[0] === "key.replace"));
});

it("refuses a key for another account, and one with wider permissions, naming the difference", async () => {
  const owner = await newTestUser("replace-refuse");
  const old = await mint("replace-refuse-a");
  const id = await add(owner, old.key, "Read key");
  const before = await ciphertext(id);
  const other = await mint("replace-refuse-b");
  const r1 = await replace(owner, id, other.key);
  expect(r1).toMatchObject({ ok: false, code: "other_account", field: "key" });
  expect(r1.ok ? "" : r1.message).toContain(`…${other.accountId.slice(-4)}`);
  expect(r1.ok ? "" : r1.message).toContain(`…${old.accountId.slice(-4)}`);
  const wider = await mint("replace-refuse-a", ["READ_ONLY", "TRADE"]);
  const r2 = await replace(owner, id, wider.key);
  expect(r2).toMatchObject({ ok: false, code: "wider_scopes", message: expect.stringContaining("TRADE") });
  expect(await replace(owner, id, old.key)).toMatchObject({ ok: false, code: "same_key" });
  expect((await ciphertext(id)).equals(before)).toBe(true);
  const denied = await db.auditEvent.findMany({ where: { keyRef: id, action: "key.replace" } });
  expect(denied.map((d) => (d.detail as { reason: string }).reason).sort()).toEqual([
    "other_account",
    "same_key",
    "wider_scopes",
  ]);
});

it("accepts narrower permissions; a successor the exchange refuses leaves the stored key alone", async () => {
  const owner = await newTestUser("replace-narrow");
  const old = await mint("replace-narrow", ["READ_ONLY", "TRADE"]);
  const id = await add(owner, old.key, "Trader");
  const revoked = await mint("replace-narrow");
  await revoke(revoked.jti);
  expect(await replace(owner, id, revoked.key)).toMatchObject({ ok: false, code: "rejected_by_exchange" });
  expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).keyId).toBe(old.jti);
  const narrower = await mint("replace-narrow");
  expect(await replace(owner, id, narrower.key)).toMatchObject({ ok: true });
  expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).scopes).toEqual(["READ_ONLY"]);
});

it("is the owner's alone, with a step-up", async () => {
  const owner = await newTestUser("replace-auth");
  const member = await newTestUser("replace-auth-member");
  const stranger = await newTestUser("replace-auth-stranger");
  const teamId = await m.teams.createTeam(owner, "Team");
  const { token } = await m.inv.createInvitation(owner, teamId, member.email, "admin");
  await m.inv.acceptInvitation(member, token);
  const old = await mint("replace-auth");
  const id = await add(owner, old.key, "Shared");
  await m.shares.shareKey(owner, { keyId: id, teamId, hideAmounts: false, allowExport: true });
  const next = await mint("replace-auth");
  await expect(replace(member, id, next.key)).rejects.toMatchObject({ code: "forbidden" });
  await expect(replace(stranger, id, next.key)).rejects.toMatchObject({ code: "not_found" });
  expect(await replace(owner, id, next.key, false)).toMatchObject({ ok: false, code: "needs_step_up" });
  expect((await db.apiKey.findUniqueOrThrow({ where: { id } })).keyId).toBe(old.jti);
});
