// The portfolio's headline on real PostgreSQL and the simulator: two keys for one exchange account
// count once (the fresher), a stopped key and a key revoked at the exchange add nothing and are
// listed apart with their last value; the total equals a sum computed here, independently of
// lib/portfolio and lib/money, from the simulator's own balances and tickers. A second key for an
// account the owner holds is answered with a question first; a revoked key reads "revoked" after
// the first refused answer, on every page that shows it.
import Decimal from "decimal.js";
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { resetEnvCache } from "@/lib/env";
import { db, disconnectDb } from "@/lib/db";
import { addKeyForUser } from "@/lib/keys/add-key";
import type { CurrentUser } from "@/lib/sessions/session";
import { newTestUser } from "../../helpers/users";

let sim: RunningSimulator;
let owner: CurrentUser;

type Ticker = { instrument_code: string; last_price: string };
type Bal = { currency_code: string; available: string; locked: string };

beforeAll(async () => {
  // The simulator's clock stands still, so its prices do (they follow a walk in time): Keydesk's
  // read and the independent sum see the same tickers however long a loaded machine takes, and
  // whatever ticker Keydesk's cache holds from an earlier read.
  const frozen = Date.now();
  sim = await startSimulator({ port: 0, controlPort: 0, seed: "accounts-total", now: () => frozen });
  Object.assign(process.env, { EXCHANGE_BASE_URL: sim.url, SIMULATOR_CONTROL_URL: sim.controlUrl, REDIS_URL: "" });
  resetEnvCache();
  owner = await newTestUser("acct-owner");
});
afterAll(async () => {
  await sim.close();
  await disconnectDb();
});

const upstream = async <T>(path: string, key?: string): Promise<T> =>
  (await (await fetch(`${sim.url}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} })).json()) as T;

async function mint(account: string): Promise<{ key: string; jti: string }> {
  const r = await fetch(`${sim.controlUrl}/keys`, {
    method: "POST",
    body: JSON.stringify({ scopes: ["READ_ONLY"], account, orders: 5 }),
  });
  return (await r.json()) as { key: string; jti: string };
}

async function add(label: string, key: string, sameAccount?: "add"): Promise<string> {
  const r = await addKeyForUser(
    { user: owner, steppedUp: true },
    { label, key, ...(sameAccount ? { sameAccount } : {}) },
  );
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.keyRowId;
}

/** EUR value of balances at these tickers, computed here (EUR markets and BTC crosses, as the simulator lists them). */
function valueOf(balances: Bal[], tickers: Ticker[]): Decimal {
  const price = new Map(tickers.map((t) => [t.instrument_code, new Decimal(t.last_price)]));
  const btcEur = price.get("BTC_EUR")!;
  let total = new Decimal(0);
  for (const b of balances) {
    const amount = new Decimal(b.available).add(b.locked);
    if (amount.isZero()) continue;
    const p =
      b.currency_code === "EUR"
        ? new Decimal(1)
        : (price.get(`${b.currency_code}_EUR`) ??
          price.get(`${b.currency_code}_BTC`)?.mul(btcEur) ??
          (price.get(`BTC_${b.currency_code}`) ? btcEur.div(price.get(`BTC_${b.currency_code}`)!) : null));
    if (p) total = total.add(amount.mul(p));
  }
  return total;
}

/** Reads the key through Keydesk (recording its snapshot) and values it independently at the simulator's (still) tickers. */
async function readAndValue(keyRowId: string, key: string): Promise<Decimal> {
  const { readValuation } = await import("@/lib/reads/valuation");
  const { forgetRecordedSnapshots } = await import("@/lib/snapshots/store");
  await db.keySnapshot.deleteMany({ where: { keyId: keyRowId } });
  forgetRecordedSnapshots();
  const balances = (await upstream<{ balances: Bal[] }>("/account/balances", key)).balances;
  await readValuation(owner, keyRowId, { refresh: true });
  return valueOf(balances, await upstream<Ticker[]>("/market-ticker"));
}

it("two keys for one account, a stopped key and a revoked key: the total equals an independent sum", async () => {
  const demo = sim.demoKeys["demo-read"]!;
  const first = await add("Main", demo.key);
  // A second key for the same exchange account: the owner is asked first.
  const second = await mint("demo-read");
  const asked = await addKeyForUser({ user: owner, steppedUp: true }, { label: "Main again", key: second.key });
  expect(asked).toMatchObject({ ok: false, code: "same_account", existingKeyRowId: first, existingLabel: "Main" });
  expect(await db.apiKey.count({ where: { ownerId: owner.id } })).toBe(1);
  const again = await add("Main again", second.key, "add");

  const small = sim.demoKeys["demo-small"]!;
  const stoppedId = await add("Small", small.key);
  const gone = await mint("acct-revoked");
  const revokedId = await add("Old laptop", gone.key);

  // Each key read once through Keydesk (its snapshot); the second key of the account last, so it is the fresher.
  await readAndValue(first, demo.key);
  const stoppedValue = await readAndValue(stoppedId, small.key);
  const revokedValue = await readAndValue(revokedId, gone.key);
  const accountValue = await readAndValue(again, second.key);
  await db.keySnapshot.updateMany({ where: { keyId: first }, data: { at: new Date(Date.now() - 120_000) } });

  const { stopKeyForOwner } = await import("@/lib/keys/emergency-stop");
  expect(await stopKeyForOwner(owner, stoppedId, true)).toMatchObject({ ok: true });
  // Revoked at the exchange: the first refused answer makes it "revoked" everywhere.
  await fetch(`${sim.controlUrl}/keys/revoke`, { method: "POST", body: JSON.stringify({ jti: gone.jti }) });
  const { readValuation } = await import("@/lib/reads/valuation");
  const refused = await readValuation(owner, revokedId, { refresh: true });
  expect(refused).toMatchObject({ source: "stale", staleReason: "key_revoked" });
  expect((await db.apiKey.findUniqueOrThrow({ where: { id: revokedId } })).status).toBe("revoked");
  const { listKeysForUser, getKeyViewForUser } = await import("@/lib/keys/queries");
  expect((await listKeysForUser(owner)).find((k) => k.id === revokedId)?.status).toBe("revoked");
  expect((await getKeyViewForUser(owner, revokedId)).status).toBe("revoked");

  const { readPortfolioHome } = await import("@/lib/portfolio/home");
  const home = await readPortfolioHome(owner, "24h");
  // The account once (its fresher key), nothing from the stopped and the revoked key.
  expect(home.totalEur).toBe(accountValue.toFixed(2, Decimal.ROUND_HALF_UP));
  expect(new Decimal(home.totalEur).gt(0)).toBe(true);
  expect(home.keys.map((k) => [k.label, k.counting, k.countedInstead])).toEqual(
    expect.arrayContaining([
      ["Main again", "counted", null],
      ["Main", "same_account", "Main again"],
    ]),
  );
  expect(home.keys.find((k) => k.label === "Main again")?.partPct).toBe("100.0");
  expect(home.keys.find((k) => k.label === "Main")?.partPct).toBeNull();
  expect(home.sharedAccounts).toEqual([["Main again", "Main"]]);
  const excluded = Object.fromEntries(home.excluded.map((k) => [k.label, [k.excludedReason, k.valueEur]]));
  expect(excluded).toEqual({
    Small: ["stopped", stoppedValue.toFixed(2, Decimal.ROUND_HALF_UP)],
    "Old laptop": ["revoked", revokedValue.toFixed(2, Decimal.ROUND_HALF_UP)],
  });
  // The allocation sums to the headline (each currency once, the counted key's).
  const allocated = home.allocation.reduce((s, a) => s.add(a.valueEur), new Decimal(0));
  expect(allocated.sub(home.totalEur).abs().lte("0.05")).toBe(true);
  // The chart's last point is the headline.
  expect(home.points.at(-1)?.[1]).toBe(home.totalEur);

  // The keys list shows the same value the portfolio counts, read the same way.
  const list = await listKeysForUser(owner);
  expect(list.find((k) => k.id === again)?.lastValueEur).toBe(home.totalEur);
  expect(list.find((k) => k.id === stoppedId)?.lastValueEur).toBe(excluded.Small![1]);
});

it("a value older than the page promises is marked with its age", async () => {
  const { readPortfolioHome } = await import("@/lib/portfolio/home");
  const keys = await db.apiKey.findMany({ where: { ownerId: owner.id, label: "Main again" } });
  const id = keys[0]!.id;
  const at = new Date(Date.now() - 17 * 3_600_000);
  await db.keySnapshot.updateMany({ where: { keyId: id }, data: { at, hour: at } });
  const home = await readPortfolioHome(owner, "all");
  const part = home.keys.find((k) => k.id === id)!;
  // "Main" (2 minutes old) is now the fresher key of the account and counts; "Main again" is marked 17 h old.
  expect(part.counting).toBe("same_account");
  expect(part.staleMinutes).toBeGreaterThanOrEqual(17 * 60);
  const main = home.keys.find((k) => k.label === "Main")!;
  expect(main).toMatchObject({ counting: "counted", staleMinutes: null });
});

it("a member whose shares all hide amounts is told the amounts are hidden, not shown a total of zero", async () => {
  const { createTeam } = await import("@/lib/teams/teams");
  const { acceptInvitation, createInvitation } = await import("@/lib/teams/invitations");
  const { readPortfolioHome } = await import("@/lib/portfolio/home");
  const member = await newTestUser("acct-hidden");
  const teamId = await createTeam(owner, "Hidden team");
  const { token } = await createInvitation(owner, teamId, member.email, "member");
  await acceptInvitation(member, token);
  const key = await db.apiKey.findFirstOrThrow({ where: { ownerId: owner.id, label: "Main" } });
  await db.keyShare.create({ data: { keyId: key.id, teamId, hideAmounts: true, allowExport: false } });
  const home = await readPortfolioHome(member, "24h");
  expect(home).toMatchObject({ allHidden: true, hiddenCount: 1, allocation: [] });
  expect(home.keys.every((k) => k.valueEur === null)).toBe(true);
  expect(await readPortfolioHome(owner, "24h")).toMatchObject({ allHidden: false });
});
