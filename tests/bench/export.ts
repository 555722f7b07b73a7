// `npm run bench:export [-- --days=N]`: two `npm start` instances on one Redis in front of the
// simulator. One person exports the busy demo account's orders (50,000 over two years) and
// then two years of its trades, through the production server: once alone, then while 20
// viewers (a team the key is shared with) browse its pages (balances, orders, trades, fees:
// one read every 2–4 s each).
// `--days=N` exports only the last N days (a quick check); without it, the full two years.
// Prints time against the floor (the account's calls ÷ its budget), the exchange's maximum in
// any minute, the viewers' p95 during the export against their p95 without it, the servers'
// RSS growth and the exchange's 429s; ends with one JSON line.
import { readFileSync, readdirSync } from "node:fs";
import http from "node:http";
import { Redis } from "ioredis";
import { startSimulator } from "@/lib/simulator";
import { prepareTestDatabase, ROOT } from "../helpers/test-env";
import { TEST_SECRETS } from "../helpers/test-secrets";
import { appIsBuilt, startAppServer } from "../e2e/app-server";
import { createClient } from "./http-client";
import { percentile, round, table } from "./stats";
import { buildApp } from "../helpers/build-app";

const daysArg = process.argv.find((a) => a.startsWith("--days="));
const DAYS = daysArg ? Number(daysArg.slice("--days=".length)) : 730;
const VIEWERS = 20;
const ACCOUNT_PER_MINUTE = 180;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/8";

/** Resident memory (MB) of a process and all its descendants (tsx starts node under it). */
function treeRssMb(rootPid: number): number {
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parent.set(Number(d), Number(fields[1]));
      rss.set(Number(d), (Number(fields[21]) * 4096) / 1_048_576);
    } catch {
      /* gone */
    }
  }
  let total = 0;
  for (const [pid, mb] of rss) {
    for (let p: number | undefined = pid; p && p > 1; p = parent.get(p))
      if (p === rootPid) {
        total += mb;
        break;
      }
  }
  return total;
}

/** Downloads a CSV to the end without keeping it: rows and milliseconds. */
function download(url: string, cookie: string): Promise<{ status: number; rows: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    http.get(url, { headers: { cookie } }, (res) => {
      let rows = 0;
      res.on("data", (c: Buffer) => {
        for (const b of c) if (b === 10) rows++;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, rows: rows - 1, ms: performance.now() - started }));
      res.on("error", () => resolve({ status: 0, rows, ms: performance.now() - started }));
    });
  });
}

async function main() {
  console.log(`bench:export (${DAYS} days of history): preparing database, simulator, build…`);
  const databaseUrl = await prepareTestDatabase("keydesk_bench_export");
  Object.assign(process.env, TEST_SECRETS, { DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" });
  const redis = new Redis(REDIS_URL);
  await redis.flushdb();
  redis.disconnect();
  const sim = await startSimulator({ port: 0, controlPort: 0, seed: "bench-export", warm: ["demo-busy"] });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    KEYDESK_ALLOW_INSECURE_EXCHANGE: "true",
    EXCHANGE_BASE_URL: sim.url,
    SIMULATOR_CONTROL_URL: sim.controlUrl,
    REDIS_URL,
    KEYDESK_INSTANCE_COUNT: "2",
    BUDGET_ACCOUNT_PER_MINUTE: String(ACCOUNT_PER_MINUTE),
  };
  if (!appIsBuilt() || process.argv.includes("--build")) buildApp(ROOT, env);

  // The exporter owns a key on the busy demo account and shares it with a team of 20 viewers,
  // who all read it (its cached data and coalescing are per key, as for any shared key).
  const { hashPassword } = await import("@/lib/factors/password");
  const { seedViewer } = await import("./seed-viewer");
  const { mintSessionCookie } = await import("../helpers/sessions");
  const { db, disconnectDb } = await import("@/lib/db");
  const passwordHash = await hashPassword("bench viewer password");
  const minted = (await (
    await fetch(`${sim.controlUrl}/keys`, {
      method: "POST",
      body: JSON.stringify({ scopes: ["READ_ONLY"], account: "demo-busy" }),
    })
  ).json()) as { key: string };
  const exporter = await seedViewer({
    email: "exporter@bench.test",
    passwordHash,
    rowId: `bexp${"0".repeat(21)}`,
    label: "busy export",
    key: minted.key,
  });
  const owner = await db.apiKey.findUniqueOrThrow({ where: { id: exporter.keyRowId }, select: { ownerId: true } });
  const team = await db.team.create({ data: { name: "Busy desk" } });
  await db.teamMember.create({ data: { teamId: team.id, userId: owner.ownerId, role: "owner" } });
  await db.keyShare.create({ data: { keyId: exporter.keyRowId, teamId: team.id, createdById: owner.ownerId } });
  const viewers: { cookie: string; keyRowId: string }[] = [];
  for (let i = 0; i < VIEWERS; i++) {
    const user = await db.user.create({ data: { email: `viewer-${i}@bench.test`, passwordHash } });
    await db.teamMember.create({ data: { teamId: team.id, userId: user.id, role: "member" } });
    viewers.push({ cookie: await mintSessionCookie(user, TEST_SECRETS.AUTH_SECRET), keyRowId: exporter.keyRowId });
  }
  await disconnectDb();
  const accountId = sim.demoKeys["demo-busy"]!.accountId;
  const people = [exporter, ...viewers];

  const apps = [await startAppServer(env, 3311), await startAppServer(env, 3312)];
  const get = createClient(40);
  for (const p of people) for (const app of apps) await get(`${app.url}/api/usage`, { cookie: p.cookie });
  const rss = () => apps.reduce((s, a) => s + (a.pid ? treeRssMb(a.pid) : 0), 0);

  type Counters = {
    maxPerAccount: number;
    sent429: { total: number };
    byAccountMethod: Record<string, { GET?: number }>;
  };
  const counters = async () => (await (await fetch(`${sim.controlUrl}/counters`)).json()) as Counters;

  /** Viewers browse until `until()` is true; returns their response times. */
  const browse = async (until: () => boolean) => {
    const times: number[] = [];
    let errors = 0;
    const pages = ["balances", "orders?status=all&pageSize=50", "trades?pageSize=50", "fees"];
    await Promise.all(
      viewers.map(async (v, i) => {
        const app = apps[i % 2]!;
        let n = i;
        await new Promise((r) => setTimeout(r, Math.random() * 2_000));
        while (!until()) {
          const r = await get(`${app.url}/api/keys/${v.keyRowId}/${pages[n++ % pages.length]}`, { cookie: v.cookie });
          if (r.status === 200) times.push(r.ms);
          else errors++;
          await new Promise((res) => setTimeout(res, 2_000 + Math.random() * 2_000));
        }
      }),
    );
    return { times, errors };
  };

  const to = new Date();
  const from = new Date(to.getTime() - DAYS * 86_400_000);
  const range = `from=${from.toISOString().replace(/\.\d+Z$/, ".000Z")}&to=${to.toISOString().replace(/\.\d+Z$/, ".000Z")}`;

  const runExport = async (label: string) => {
    await fetch(`${sim.controlUrl}/limits/reset`, { method: "POST" });
    const before = await counters();
    const rssBefore = rss();
    let rssMax = rssBefore;
    const sampler = setInterval(() => (rssMax = Math.max(rssMax, rss())), 1_000);
    const started = performance.now();
    const orders = await download(
      `${apps[0]!.url}/api/keys/${exporter.keyRowId}/export?kind=orders&${range}`,
      exporter.cookie,
    );
    const trades = await download(
      `${apps[0]!.url}/api/keys/${exporter.keyRowId}/export?kind=trades&${range}`,
      exporter.cookie,
    );
    const ms = performance.now() - started;
    clearInterval(sampler);
    const after = await counters();
    const calls = (after.byAccountMethod[accountId]?.GET ?? 0) - (before.byAccountMethod[accountId]?.GET ?? 0);
    const floorMs = (calls / ACCOUNT_PER_MINUTE) * 60_000;
    const r = {
      label,
      ok: orders.status === 200 && trades.status === 200,
      rows: orders.rows + trades.rows,
      calls,
      seconds: round(ms / 1000, 1),
      floorSeconds: round(floorMs / 1000, 1),
      ratio: round(ms / floorMs, 3),
      upstreamMaxPerMinute: after.maxPerAccount,
      upstream429: after.sent429.total - before.sent429.total,
      rssGrowthMb: round(rssMax - rssBefore, 1),
    };
    console.log(`${label}: ${JSON.stringify(r)}`);
    return r;
  };

  // Baseline: the viewers alone for 30 s.
  const baselineEnd = Date.now() + 30_000;
  const baseline = await browse(() => Date.now() > baselineEnd);
  const alone = await runExport("alone");
  let exporting = true;
  const during = browse(() => !exporting);
  const withViewers = await runExport("with 20 viewers").finally(() => (exporting = false));
  const viewersDuring = await during;
  for (const app of apps) await app.stop();
  await sim.close();

  const viewerP95 = round(percentile(viewersDuring.times, 95), 1);
  const viewerP95Baseline = round(percentile(baseline.times, 95), 1);
  for (const r of [alone, withViewers])
    console.log(
      table([
        [r.label, "", ""],
        ["rows exported", r.rows],
        ["account calls", r.calls],
        ["time", r.seconds, "s"],
        ["floor (calls / budget)", r.floorSeconds, "s"],
        ["ratio", r.ratio, "x floor"],
        ["upstream max per minute", r.upstreamMaxPerMinute, `(account budget ${ACCOUNT_PER_MINUTE})`],
        ["upstream 429s", r.upstream429],
        ["server RSS growth", r.rssGrowthMb, "MB (both instances)"],
      ]),
    );
  console.log(
    `viewers: p95 ${viewerP95} ms during the export vs ${viewerP95Baseline} ms without (${viewersDuring.times.length} and ${baseline.times.length} reads, ${viewersDuring.errors + baseline.errors} errors)`,
  );
  if (!alone.ok || !withViewers.ok) console.log("an export did not finish with 200");
  console.log(
    JSON.stringify({
      bench: "export",
      days: DAYS,
      aloneRatio: alone.ratio,
      withViewersRatio: withViewers.ratio,
      rssGrowthMb: Math.max(alone.rssGrowthMb, withViewers.rssGrowthMb),
      upstream429: alone.upstream429 + withViewers.upstream429,
      viewerP95Ms: viewerP95,
      viewerP95BaselineMs: viewerP95Baseline,
    }),
  );
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
