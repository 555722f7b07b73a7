// `npm run bench:portfolio`: the portfolio home for a person with 20 keys and a year of
// snapshots (as stored after downsampling: 7 days hourly, each older day's first and last),
// answered from stored snapshots only, before and after the daily totals (KeyDailyTotal) side by
// side in one run. Targets: ≤ 50 ms p95 server time for the home's data,
// ≤ 100 kB for the chart's data. Measures the data functions the route handlers call (no HTTP),
// on the embedded PostgreSQL. Prints a table and one JSON line.
import { loadavg } from "node:os";
import { isDeepStrictEqual } from "node:util";
import { prepareTestDatabase } from "../helpers/test-env";
import { TEST_SECRETS } from "../helpers/test-secrets";
import { percentile, round, table } from "./stats";

const KEYS = 20;
const RUNS = 40;
const CURRENCIES = ["EUR", "BTC", "ETH", "XRP", "USDT"];

async function main() {
  const databaseUrl = await prepareTestDatabase("keydesk_bench_portfolio");
  Object.assign(process.env, TEST_SECRETS, { DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" });
  const { db, disconnectDb } = await import("@/lib/db");
  const { readPortfolioHome } = await import("@/lib/portfolio/home");
  const { readKeySeries } = await import("@/lib/portfolio/key-series");
  const { RANGES } = await import("@/lib/portfolio/series");
  const { rangeReadsFromPoints } = await import("@/lib/portfolio/range-reads");
  const user = await db.user.create({ data: { email: `bench-${Date.now()}@example.test`, passwordHash: "x" } });
  const now = Date.now();
  const hour = 3_600_000;
  const keyIds: string[] = [];
  for (let k = 0; k < KEYS; k++) {
    const key = await db.apiKey.create({
      data: {
        ownerId: user.id,
        label: `Bench ${k}`,
        keyId: `bench-${k}-${now}`,
        accountId: `acct-${k}`,
        scopes: ["READ_ONLY"],
        ips: [],
        fragment: "…",
        secretCiphertext: Buffer.from("x"),
        secretWrappedKey: Buffer.from("x"),
        masterKeyVersion: "v1",
      },
    });
    keyIds.push(key.id);
    const times: number[] = [];
    for (let h = 0; h < 7 * 24; h++) times.push(now - h * hour);
    for (let d = 8; d <= 365; d++) {
      const day = Math.floor((now - d * 86_400_000) / 86_400_000) * 86_400_000;
      times.push(day + hour, day + 23 * hour);
    }
    const data = times.map((t, i) => {
      const rows = CURRENCIES.map((c, j) => {
        const amount = (10 + j + (i % 7) / 10).toFixed(4);
        const price = (j === 0 ? 1 : 100 * (j + 1) + (i % 13)).toFixed(2);
        return { currency: c, amount, priceEur: price, valueEur: (Number(amount) * Number(price)).toFixed(2) };
      });
      const total = rows.reduce((s, r) => s + Number(r.valueEur), 0).toFixed(2);
      return {
        keyId: key.id,
        at: new Date(t),
        hour: new Date(Math.floor(t / hour) * hour),
        totalEur: total,
        rows,
        source: "job",
      };
    });
    await db.keySnapshot.createMany({ data });
  }
  const stored = await db.keySnapshot.count({ where: { keyId: { in: keyIds } } });
  const me = { id: user.id, email: user.email, name: null, sessionId: "bench" };
  const out: Record<string, number> = { keys: KEYS, snapshots: stored };
  const rows: [string, string | number, string?][] = [["snapshots stored", stored]];
  // Before and after side by side, interleaved run by run on the same data and the same clock:
  // "before" reads the chart and the keys' price effects from every stored point, "after" from the
  // daily totals (30 d and longer; 24 h and 7 d read hourly points either way). Both must give
  // the same answer.
  const at = new Date();
  let same = true;
  for (const range of RANGES) {
    const readBefore = () => readPortfolioHome(me, range, at, rangeReadsFromPoints);
    const readAfter = () => readPortfolioHome(me, range, at);
    const [b0, a0] = [await readBefore(), await readAfter()]; // warm
    const equal = isDeepStrictEqual(b0, a0);
    same &&= equal;
    const before: number[] = [];
    const after: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      for (const [read, ms] of i % 2
        ? [[readAfter, after] as const, [readBefore, before] as const]
        : [[readBefore, before] as const, [readAfter, after] as const]) {
        const t0 = performance.now();
        const home = await read();
        ms.push(performance.now() - t0);
        if (read === readAfter) bytes = Buffer.byteLength(JSON.stringify(home));
      }
    }
    const access = { id: keyIds[0]!, hideAmounts: false } as Parameters<typeof readKeySeries>[0];
    const keyBytes = Buffer.byteLength(JSON.stringify(await readKeySeries(access, range)));
    const [p95Before, p95After] = [round(percentile(before, 95)), round(percentile(after, 95))];
    out[`home_p95_ms_before_${range}`] = p95Before;
    out[`home_p95_ms_${range}`] = p95After;
    out[`home_kB_${range}`] = round(bytes / 1024, 1);
    out[`key_chart_kB_${range}`] = round(keyBytes / 1024, 1);
    out[`home_p50_ms_before_${range}`] = round(percentile(before, 50));
    out[`home_p50_ms_${range}`] = round(percentile(after, 50));
    rows.push([
      `home ${range} p50 before → after`,
      `${round(percentile(before, 50))} → ${round(percentile(after, 50))}`,
      "ms",
    ]);
    rows.push([
      `home ${range} p95 before → after`,
      `${p95Before} → ${p95After}`,
      `ms (target ≤ 50; ×${round(p95Before / p95After, 1)}${equal ? ", same answer" : ", ANSWERS DIFFER"})`,
    ]);
    rows.push([`home ${range} answer`, round(bytes / 1024, 1), "kB (target ≤ 100)"]);
    rows.push([`key chart ${range} answer`, round(keyBytes / 1024, 1), "kB (target ≤ 100)"]);
  }
  out.same_answers = same ? 1 : 0;
  const load = loadavg().map((l) => round(l, 2));
  rows.push(["load average (1, 5, 15 min)", load.join(" ")]);
  await db.apiKey.deleteMany({ where: { id: { in: keyIds } } });
  await db.user.delete({ where: { id: user.id } });
  console.log(`bench:portfolio: ${KEYS} keys, a year of snapshots, ${RUNS} runs per range\n${table(rows)}`);
  console.log(JSON.stringify({ bench: "portfolio", ...out, load1: load[0] }));
  await disconnectDb();
  if (!same) process.exit(1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
