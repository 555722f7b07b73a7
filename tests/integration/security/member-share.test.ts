// A member can't spend a shared key's exchange budget. The attack of the report: a read-only
// member with hidden amounts sends 500 `refresh=1` balance reads, 5 at a time. Counted at the
// simulator: members cause at most their share (25 % of 180 = 45 calls a rolling minute), their
// refreshes come back from the cache, labelled, and the owner still gets every call they ask for.
import { randomUUID } from "node:crypto";
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { resetEnvCache } from "@/lib/env";
import { db, disconnectDb } from "@/lib/db";
import { addKeyForUser } from "@/lib/keys/add-key";
import { createUpstreamGate, type UpstreamGate } from "@/lib/limiter";
import { createCacheCipher } from "@/lib/crypto/cache-cipher";
import { classifyUpstream } from "@/lib/limiter/classify";
import { getExchangeClient } from "@/lib/limiter/exchange-client";
import { getKeyring } from "@/lib/crypto/instance";
import { MEMBER_REFRESHES_PER_MINUTE } from "@/lib/limiter/reader-share";
import type { CurrentUser } from "@/lib/sessions/session";
import { newTestUser } from "../../helpers/users";
import { closeRedisClients, installGate, instanceGate, mintKey } from "./attack-helpers";

let sim: RunningSimulator;
let read: typeof import("@/lib/reads/read");

beforeAll(async () => {
  sim = await startSimulator({ port: 0, controlPort: 0, seed: "member-share" });
  Object.assign(process.env, { EXCHANGE_BASE_URL: sim.url, SIMULATOR_CONTROL_URL: sim.controlUrl, REDIS_URL: "" });
  resetEnvCache();
  read = await import("@/lib/reads/read");
});
afterAll(async () => {
  await sim.close();
  await disconnectDb();
  closeRedisClients();
});

/** Calls the simulator counted for this exchange account in its rolling minute. */
async function accountCalls(accountId: string): Promise<number> {
  const c = (await (await fetch(`${sim.controlUrl}/counters`)).json()) as {
    accounts: Record<string, { current: number }>;
  };
  return c.accounts[accountId]?.current ?? 0;
}

function memoryGate(): UpstreamGate {
  return createUpstreamGate({
    ipPerMinute: 220,
    accountPerMinute: 180,
    instanceCount: 1,
    keyPrefix: `share-${randomUUID()}`,
    cipher: createCacheCipher(getKeyring()),
    // As the process's gate is configured (lib/limiter/instance.ts).
    classify: classifyUpstream,
    exchange: getExchangeClient,
  });
}

/** An owner's Read key on a fresh account, shared (amounts hidden) with a team of `members` members. */
async function sharedKey(members: number) {
  const owner = await newTestUser("share-owner");
  const minted = await mintKey(sim, `acct-${randomUUID().slice(0, 8)}`);
  const added = await addKeyForUser({ user: owner, steppedUp: true }, { label: "Main", key: minted.key });
  if (!added.ok) throw new Error(added.message);
  const team = await db.team.create({
    data: { name: "Readers", members: { create: { userId: owner.id, role: "owner" } } },
  });
  const readers: CurrentUser[] = [];
  for (let i = 0; i < members; i++) {
    const m = await newTestUser("share-member");
    await db.teamMember.create({ data: { teamId: team.id, userId: m.id, role: "member" } });
    readers.push(m);
  }
  await db.keyShare.create({ data: { keyId: added.keyRowId, teamId: team.id, hideAmounts: true, allowExport: false } });
  return { owner, keyId: added.keyRowId, accountId: minted.accountId, readers };
}

const balances = (u: CurrentUser, keyId: string, refresh: boolean) =>
  read.readKeyData(u, keyId, "balances", {}, (c, k) => c.getBalances(k), { refresh });

it("500 refresh reads by a member: at most a few reach the exchange, the rest are the cache, labelled", async () => {
  const gate = memoryGate();
  installGate(gate);
  const { owner, keyId, accountId, readers } = await sharedKey(1);
  await balances(owner, keyId, false); // the owner opened the key: the account is known, a value is cached
  const before = await accountCalls(accountId);
  const member = readers[0]!;
  const answers: { source: string; refreshDeclined?: string }[] = [];
  for (let round = 0; round < 100; round++)
    answers.push(...(await Promise.all(Array.from({ length: 5 }, () => balances(member, keyId, true)))));
  const memberCalls = (await accountCalls(accountId)) - before;
  const declined = answers.filter((a) => a.refreshDeclined).length;
  console.log(`member refresh flood: ${memberCalls} exchange calls for 500 refreshes, ${declined} declined`);
  // A refresh honoured at most 3 times a minute; plain reads past the 5 s cache add a few more.
  expect(memberCalls).toBeLessThanOrEqual(gate.readers.memberCallsPerMinute);
  expect(answers.filter((a) => a.source === "live").length).toBeLessThanOrEqual(memberCalls);
  expect(declined).toBeGreaterThanOrEqual(500 - memberCalls - MEMBER_REFRESHES_PER_MINUTE * 5);
  expect(answers.every((a) => a.source !== "live" || !a.refreshDeclined)).toBe(true);
  // The owner's refreshes are all honoured, far more than half of the account's budget.
  const ownerBefore = await accountCalls(accountId);
  let live = 0;
  for (let i = 0; i < 100; i++) if ((await balances(owner, keyId, true)).source === "live") live++;
  console.log(`owner after the flood: ${live} of 100 refreshes live`);
  expect(live).toBe(100);
  expect((await accountCalls(accountId)) - ownerBefore).toBe(100);
  gate.close();
});

it("members together, on two instances, cause at most their share of the account's calls", async () => {
  const prefix = `share-${randomUUID()}`;
  const gates = [await instanceGate(prefix), await instanceGate(prefix)];
  const { owner, keyId, accountId, readers } = await sharedKey(3);
  installGate(gates[0]!);
  await balances(owner, keyId, false);
  const before = await accountCalls(accountId);
  // Every member reads orders that are never cached (a new id each time): each read wants a call.
  const reads: Promise<unknown>[] = [];
  for (let i = 0; i < 120; i++) {
    const member = readers[i % readers.length]!;
    installGate(gates[i % 2]!);
    const orderId = randomUUID();
    reads.push(
      read
        .readKeyData(member, keyId, "order", { orderId }, (c, k) => c.getOrder(k, orderId))
        .then(
          () => "answered",
          (err: { code?: string }) => err.code ?? "error",
        ),
    );
  }
  const outcomes = await Promise.all(reads);
  const memberCalls = (await accountCalls(accountId)) - before;
  console.log(`3 members, 2 instances, 120 uncached reads: ${memberCalls} exchange calls`);
  expect(memberCalls).toBeLessThanOrEqual(gates[0]!.readers.memberCallsPerMinute);
  expect(memberCalls).toBeGreaterThan(0);
  expect(outcomes.filter((o) => o === "rate_limited").length).toBeGreaterThanOrEqual(120 - memberCalls);
  // The meter shows the share and what members used of it.
  expect(await gates[1]!.readers.memberCallsUsed(accountId)).toBe(memberCalls);
  for (const g of gates) g.close();
});
