// The dashboard's data against the simulator: EUR valuation of real balances, the order and
// trade filters, and the CSV export compared row by row with the simulator's own data.
import Decimal from "decimal.js";
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { resetEnvCache } from "@/lib/env";
import { disconnectDb, db } from "@/lib/db";
import { addKeyForUser } from "@/lib/keys/add-key";
import type { CurrentUser } from "@/lib/sessions/session";
import type { TradeEntry } from "@/lib/exchange/schemas";
import { newTestUser } from "../../helpers/users";

let sim: RunningSimulator;
let owner: CurrentUser;
let mod: {
  readValuation: typeof import("@/lib/reads/valuation").readValuation;
  listOrdersPage: typeof import("@/lib/reads/history").listOrdersPage;
  startExport: typeof import("@/lib/export/run").startExport;
};

const user = () => newTestUser("dash");
async function addDemo(u: CurrentUser, name: string) {
  const r = await addKeyForUser(
    { user: u, steppedUp: true },
    { label: `My ${name}`, key: sim.demoKeys[name]!.key, confirmation: "WITHDRAW", confirmTrade: "yes" },
  );
  if (!r.ok) throw new Error(r.message);
  return r.keyRowId;
}
async function upstream<T>(name: string, path: string): Promise<T> {
  const res = await fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${sim.demoKeys[name]!.key}` } });
  return (await res.json()) as T;
}
async function allUpstreamTrades(name: string, from: string, to: string): Promise<TradeEntry[]> {
  const out: TradeEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await upstream<{ trade_history: TradeEntry[]; cursor?: string }>(
      name,
      `/account/trades?from=${from}&to=${to}&max_page_size=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    out.push(...page.trade_history);
    cursor = page.cursor;
  } while (cursor);
  return out;
}
const gets = async (name: string) =>
  (
    (await (await fetch(`${sim.controlUrl}/counters`)).json()) as {
      byAccountMethod: Record<string, Record<string, number>>;
    }
  ).byAccountMethod[sim.demoKeys[name]!.accountId]?.GET ?? 0;

function parseCsv(text: string): string[][] {
  // Enough for our files: no embedded CRLF in cells (asserted by the export's unit tests).
  return text
    .split("\r\n")
    .filter(Boolean)
    .map((line) =>
      line
        .match(/("([^"]|"")*"|[^,]*)(,|$)/g)!
        .filter((c, i, a) => i < a.length - 1 || c !== "")
        .map((c) => c.replace(/,$/, "").replace(/^"|"$/g, "").replace(/""/g, '"')),
    );
}

/** The simulator's time: the wall clock, or a moment held still (null: the wall clock). */
let simClock: number | null = null;

beforeAll(async () => {
  sim = await startSimulator({
    port: 0,
    controlPort: 0,
    seed: "dashboard",
    warm: ["demo-busy"],
    now: () => simClock ?? Date.now(),
  });
  Object.assign(process.env, {
    EXCHANGE_BASE_URL: sim.url,
    SIMULATOR_CONTROL_URL: sim.controlUrl,
    REDIS_URL: "",
  });
  resetEnvCache();
  mod = {
    readValuation: (await import("@/lib/reads/valuation")).readValuation,
    listOrdersPage: (await import("@/lib/reads/history")).listOrdersPage,
    startExport: (await import("@/lib/export/run")).startExport,
  };
  owner = await user();
  // A real session row: long exports re-check it as they go (lib/export/recheck.ts).
  owner = { ...owner, sessionId: (await db.userSession.create({ data: { userId: owner.id } })).id };
  // demo-busy's 50,000 orders are generated on first use (about 2 s): do it outside the timed calls.
  await upstream("demo-busy", "/account/balances");
});
afterEach(() => {
  simClock = null;
});
afterAll(async () => {
  await sim.close();
  await disconnectDb();
});

it("values the simulator's balances in EUR exactly and remembers the total for the Keys page", async () => {
  // The simulator's clock stands still for this test, so its prices do: Keydesk's reading and
  // the tickers read here agree however long a loaded machine takes between the two.
  simClock = Date.now();
  const id = await addDemo(owner, "demo-small");
  const p = await mod.readValuation(owner, id);
  const balances = await upstream<{ balances: { currency_code: string; available: string; locked: string }[] }>(
    "demo-small",
    "/account/balances",
  );
  const tickers = (await (await fetch(`${sim.url}/market-ticker`)).json()) as {
    instrument_code: string;
    last_price: string;
  }[];
  expect(p.rows.map((r) => r.currency).sort()).toEqual(balances.balances.map((b) => b.currency_code).sort());
  let expected = new Decimal(0);
  for (const b of balances.balances) {
    const row = p.rows.find((r) => r.currency === b.currency_code)!;
    expect(row.total).toBe(new Decimal(b.available).add(b.locked).toFixed());
    const eur =
      b.currency_code === "EUR"
        ? new Decimal(1)
        : tickers.find((t) => t.instrument_code === `${b.currency_code}_EUR`)?.last_price;
    if (eur) {
      expect(row.valueEur).toBe(new Decimal(row.total).mul(eur).toFixed(2, Decimal.ROUND_HALF_UP));
      // The exact value: the total is the rounded sum of exact values, not a sum of rounded rows.
      expected = expected.add(new Decimal(row.total).mul(eur));
    }
  }
  expect(p.source).toBe("live");
  const stored = await db.apiKey.findUniqueOrThrow({ where: { id } });
  expect(stored.lastValueEur).toBe(p.totalEur);
  expect(new Decimal(p.totalEur).gte(expected.toDecimalPlaces(2, Decimal.ROUND_HALF_UP))).toBe(true);
});

it("filters orders by side and status group", async () => {
  const id = await addDemo(owner, "demo-busy");
  const sells = await mod.listOrdersPage(owner, id, { status: "all", side: "SELL", pageSize: 100 });
  expect(sells.items.length).toBeGreaterThan(0);
  expect(sells.items.every((o) => o.order.side === "SELL")).toBe(true);
  const cancelled = await mod.listOrdersPage(owner, id, { status: "cancelled", pageSize: 100 });
  expect(cancelled.items.length).toBeGreaterThan(0);
  expect(
    cancelled.items.every((o) =>
      ["CLOSED", "REJECTED", "FILLED_CLOSED", "FILLED_REJECTED", "FAILED"].includes(o.order.status),
    ),
  ).toBe(true);
  const open = await mod.listOrdersPage(owner, id, { status: "open", pageSize: 100 });
  expect(open.items.every((o) => ["OPEN", "STOP_TRIGGERED", "FILLED"].includes(o.order.status))).toBe(true);
});

it("exports a month of trades as the accountant's CSV, identical to the simulator's data", async () => {
  const id = (await db.apiKey.findFirstOrThrow({ where: { ownerId: owner.id, label: "My demo-busy" } })).id;
  const to = new Date().toISOString();
  const from = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const { stream, filename } = await mod.startExport(owner, id, { kind: "trades", from, to, status: "all" });
  expect(filename).toBe(`keydesk-trades-my-demo-busy-${from.slice(0, 10)}-${to.slice(0, 10)}.csv`);
  const rows = parseCsv(await new Response(stream).text());
  const header = rows.shift()!;
  expect(header.slice(0, 10)).toEqual([
    "time",
    "trade_id",
    "order_id",
    "instrument_code",
    "side",
    "amount",
    "price",
    "value",
    "fee_amount",
    "fee_currency",
  ]);
  const truth = await allUpstreamTrades("demo-busy", from, to);
  expect(truth.length).toBeGreaterThan(100); // more than one page
  expect(rows).toHaveLength(truth.length);
  const col = (name: string) => header.indexOf(name);
  rows.forEach((r, i) => {
    const t = truth[i]!;
    expect(r[col("trade_id")]).toBe(t.trade.trade_id);
    expect(r[col("time")]).toBe(t.trade.time);
    expect(r[col("amount")]).toBe(t.trade.amount);
    expect(r[col("price")]).toBe(t.trade.price);
    expect(r[col("value")]).toBe(new Decimal(t.trade.amount).mul(t.trade.price).toFixed());
    expect(r[col("fee_amount")]).toBe(t.fee.fee_amount);
    expect(r[col("fee_currency")]).toBe(t.fee.fee_currency);
  });
  const audit = await db.auditEvent.findFirst({ where: { action: "export.run", keyRef: id }, orderBy: { at: "desc" } });
  expect(audit?.detail).toMatchObject({ kind: "trades", rows: truth.length, cancelled: false });
});

it("a cancelled export stops asking the exchange", async () => {
  const id = (await db.apiKey.findFirstOrThrow({ where: { ownerId: owner.id, label: "My demo-busy" } })).id;
  const to = new Date().toISOString();
  const from = new Date(Date.now() - 365 * 86_400_000).toISOString();
  const ctrl = new AbortController();
  const { stream } = await mod.startExport(
    owner,
    id,
    { kind: "orders", from, to, status: "all" },
    { signal: ctrl.signal },
  );
  const reader = stream.getReader();
  await reader.read();
  await reader.read();
  const before = await gets("demo-busy");
  await reader.cancel();
  ctrl.abort();
  await new Promise((r) => setTimeout(r, 800)); // the page already in flight may finish
  const after = await gets("demo-busy");
  expect(after - before).toBeLessThanOrEqual(3);
  await new Promise((r) => setTimeout(r, 1500));
  expect(await gets("demo-busy")).toBe(after); // and then nothing more
});

it("refuses export ranges it cannot serve, and strangers", async () => {
  const { exportQuerySchema } = await import("@/lib/export/run");
  expect(
    exportQuerySchema.safeParse({ kind: "trades", from: "2020-01-01T00:00:00.000Z", to: "2026-01-01T00:00:00.000Z" })
      .success,
  ).toBe(false);
  expect(
    exportQuerySchema.safeParse({ kind: "trades", from: "2026-02-01T00:00:00.000Z", to: "2026-01-01T00:00:00.000Z" })
      .success,
  ).toBe(false);
  expect(
    exportQuerySchema.safeParse({ kind: "html", from: "2026-01-01T00:00:00.000Z", to: "2026-01-02T00:00:00.000Z" })
      .success,
  ).toBe(false);
  const id = (await db.apiKey.findFirstOrThrow({ where: { ownerId: owner.id, label: "My demo-busy" } })).id;
  const stranger = await user();
  await expect(
    mod.startExport(stranger, id, {
      kind: "trades",
      from: "2026-01-01T00:00:00.000Z",
      to: "2026-01-02T00:00:00.000Z",
      status: "all",
    }),
  ).rejects.toMatchObject({ code: "not_found" });
  await expect(mod.readValuation(stranger, id)).rejects.toMatchObject({ code: "not_found" });
});
