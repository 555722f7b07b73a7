// The demo is believable: each demo account a distinct, plausible portfolio, valued here from the
// simulator's own balances and tickers (no numbers pasted from a run): a small one in the low
// thousands of euros, a busy trader holding the most, no two alike in size or holdings.
import Decimal from "decimal.js";
import { startSimulator, type RunningSimulator } from "@/lib/simulator";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, controlPort: 0, seed: "demo", dialect: "fast" });
});
afterAll(async () => {
  await sim.close();
});

type Bal = { currency_code: string; available: string; locked: string };

async function valueOf(key: string, price: Map<string, Decimal>) {
  const r = await fetch(`${sim.url}/account/balances`, { headers: { authorization: `Bearer ${key}` } });
  const { balances } = (await r.json()) as { balances: Bal[] };
  const btcEur = price.get("BTC_EUR")!;
  let total = new Decimal(0);
  const held: Record<string, Decimal> = {};
  for (const b of balances) {
    const amount = new Decimal(b.available).add(b.locked);
    if (amount.isZero()) continue;
    const p =
      b.currency_code === "EUR"
        ? new Decimal(1)
        : (price.get(`${b.currency_code}_EUR`) ??
          price.get(`${b.currency_code}_BTC`)?.mul(btcEur) ??
          (price.get(`BTC_${b.currency_code}`) ? btcEur.div(price.get(`BTC_${b.currency_code}`)!) : null));
    if (!p) continue;
    held[b.currency_code] = amount.mul(p);
    total = total.add(amount.mul(p));
  }
  return { total, held };
}

it("each demo account holds its own plausible portfolio", async () => {
  const tickers = (await (await fetch(`${sim.url}/market-ticker`)).json()) as {
    instrument_code: string;
    last_price: string;
  }[];
  const price = new Map(tickers.map((t) => [t.instrument_code, new Decimal(t.last_price)]));
  const names = ["demo-small", "demo-busy", "demo-read", "demo-trade", "demo-all"];
  const v = Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, await valueOf(sim.demoKeys[n]!.key, price)] as const)),
  );
  // A small one in the low thousands of euros.
  expect(v["demo-small"]!.total.gte(1_000)).toBe(true);
  expect(v["demo-small"]!.total.lt(10_000)).toBe(true);
  // The busy trader holds the most, and in more currencies than the small one.
  for (const n of names.filter((n) => n !== "demo-busy")) expect(v["demo-busy"]!.total.gt(v[n]!.total)).toBe(true);
  expect(Object.keys(v["demo-busy"]!.held).length).toBeGreaterThan(Object.keys(v["demo-small"]!.held).length);
  // No two alike: totals at least 10 % apart, and their largest holdings' shares differ.
  const totals = names.map((n) => v[n]!.total).sort((a, b) => a.cmp(b));
  for (let i = 1; i < totals.length; i++) expect(totals[i]!.div(totals[i - 1]!).gt(1.1)).toBe(true);
  const shapes = names.map((n) =>
    Object.entries(v[n]!.held)
      .map(([c, x]) => `${c}:${x.div(v[n]!.total).mul(100).toFixed(0)}`)
      .sort()
      .join(","),
  );
  expect(new Set(shapes).size).toBe(names.length);
});

it("the same seed and clock give the same demo, a restart included", async () => {
  // The history ends at the simulator's "now": two runs at one instant hold the same portfolio.
  const at = Date.UTC(2026, 10, 15, 12);
  const first = await startSimulator({ port: 0, controlPort: 0, seed: "demo", dialect: "fast", now: () => at });
  const again = await startSimulator({ port: 0, controlPort: 0, seed: "demo", dialect: "fast", now: () => at });
  try {
    const read = async (s: RunningSimulator) =>
      (await fetch(`${s.url}/account/balances`, {
        headers: { authorization: `Bearer ${s.demoKeys["demo-small"]!.key}` },
      }).then((r) => r.json())) as { balances: Bal[] };
    expect((await read(again)).balances).toEqual((await read(first)).balances);
  } finally {
    await Promise.all([first.close(), again.close()]);
  }
});
