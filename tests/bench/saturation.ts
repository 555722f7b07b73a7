// `npm run bench:saturation [-- --baseline DIR] [--rounds 3] [--seconds 8] [--no-build] [--profile DIR]`:
// bench:proxy's saturation point on its own, as an A/B. Two `npm start` instances on one Redis;
// 190 members of one team, 10 keys shared with it; 100 connections read cached balances back
// to back (closed loop), each as "its" member. With --baseline, a second pair of instances runs
// from another checkout (already built, e.g. a worktree of main) on the same database and
// Redis, and the phases alternate (A B, B A, …) so that both meet the same machine load. Prints
// a table and one JSON line. --profile DIR: this checkout's servers write V8 CPU profiles there.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { Redis } from "ioredis";
import { startSimulator } from "@/lib/simulator";
import { waitForHttp } from "@/lib/dev/processes";
import { prepareTestDatabase, ROOT } from "../helpers/test-env";
import { TEST_SECRETS } from "../helpers/test-secrets";
import { createClient } from "./http-client";
import { percentile, round, table } from "./stats";
import { buildApp } from "../helpers/build-app";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
const BASELINE = arg("baseline");
const ROUNDS = Number(arg("rounds") ?? 3);
const SECONDS = Number(arg("seconds") ?? 8);
const PROFILE = arg("profile");
const CONNECTIONS = 100;
const MEMBERS = 190;
const SHARED_KEYS = 10;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/7";

interface Pair {
  name: string;
  urls: string[];
  stop(): Promise<void>;
}

async function startPair(name: string, root: string, env: NodeJS.ProcessEnv, ports: number[]): Promise<Pair> {
  const children: ChildProcess[] = [];
  for (const port of ports) {
    // `npm start` is tsx bin/start.ts; node itself, with tsx as its loader, when profiling
    // (node refuses --cpu-prof in NODE_OPTIONS).
    const profile =
      name === "this checkout" && PROFILE ? [`--cpu-prof`, `--cpu-prof-dir=${path.resolve(PROFILE)}`] : [];
    const [cmd, pre] = profile.length
      ? [process.execPath, [...profile, "--import", "tsx"]]
      : [path.join(root, "node_modules", ".bin", "tsx"), []];
    const child = spawn(cmd, [...pre, "bin/start.ts", "--port", String(port)], {
      cwd: root,
      env: { ...env, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    children.push(child);
    await waitForHttp(`http://127.0.0.1:${port}/sign-in`, 90_000);
  }
  return {
    name,
    urls: ports.map((p) => `http://127.0.0.1:${p}`),
    stop: async () => {
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((resolve) => {
              if (c.exitCode !== null) return resolve();
              c.once("exit", () => resolve());
              c.kill("SIGTERM");
            }),
        ),
      );
    },
  };
}

async function main() {
  console.log(`bench:saturation: ${ROUNDS} rounds of ${SECONDS} s${BASELINE ? `, against ${BASELINE}` : ""}`);
  const databaseUrl = await prepareTestDatabase("keydesk_bench_saturation");
  Object.assign(process.env, TEST_SECRETS, { DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" });
  const redis = new Redis(REDIS_URL);
  await redis.flushdb();
  redis.disconnect();
  const sim = await startSimulator({ port: 0, controlPort: 0, seed: "bench-saturation" });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    KEYDESK_ALLOW_INSECURE_EXCHANGE: "true",
    EXCHANGE_BASE_URL: sim.url,
    SIMULATOR_CONTROL_URL: sim.controlUrl,
    REDIS_URL,
    KEYDESK_INSTANCE_COUNT: BASELINE ? "4" : "2",
  };
  if (!process.argv.includes("--no-build")) buildApp(ROOT, env);

  const { db, disconnectDb } = await import("@/lib/db");
  const { hashPassword } = await import("@/lib/factors/password");
  const { seedViewer } = await import("./seed-viewer");
  const { mintSessionCookie } = await import("../helpers/sessions");
  const passwordHash = await hashPassword("bench viewer password");
  const team = await db.team.create({ data: { name: "Bench desk" } });
  const keys: string[] = [];
  for (let k = 0; k < SHARED_KEYS; k++) {
    const minted = (await (
      await fetch(`${sim.controlUrl}/keys`, {
        method: "POST",
        body: JSON.stringify({ scopes: ["READ_ONLY"], account: `shared-${k}` }),
      })
    ).json()) as { key: string };
    const seeded = await seedViewer({
      email: `owner-${k}@bench.test`,
      passwordHash,
      rowId: `bench${String(k).padStart(20, "0")}`,
      label: `k${k}`,
      key: minted.key,
    });
    const owner = await db.apiKey.findUniqueOrThrow({ where: { id: seeded.keyRowId }, select: { ownerId: true } });
    await db.teamMember.create({ data: { teamId: team.id, userId: owner.ownerId, role: "owner" } });
    await db.keyShare.create({ data: { keyId: seeded.keyRowId, teamId: team.id, createdById: owner.ownerId } });
    keys.push(seeded.keyRowId);
  }
  // Member m reads shared key m % 10, as bench:proxy's saturation phase does.
  const members: { cookie: string; keyRowId: string }[] = [];
  for (let m = 0; m < MEMBERS; m++) {
    const user = await db.user.create({ data: { email: `member-${m}@bench.test`, passwordHash } });
    await db.teamMember.create({ data: { teamId: team.id, userId: user.id, role: "member" } });
    members.push({ cookie: await mintSessionCookie(user, TEST_SECRETS.AUTH_SECRET), keyRowId: keys[m % SHARED_KEYS]! });
  }
  await disconnectDb();

  const pairs = [await startPair("this checkout", ROOT, env, [3401, 3402])];
  if (BASELINE) pairs.unshift(await startPair("baseline", path.resolve(BASELINE), env, [3411, 3412]));
  const get = createClient(CONNECTIONS / 2);

  // Every key read once (the cache filled), every member signed in on every instance.
  for (const pair of pairs) {
    for (const [i, keyRowId] of keys.entries()) {
      const r = await get(`${pair.urls[0]}/api/keys/${keyRowId}/balances`, { cookie: members[i]!.cookie });
      if (r.status !== 200) throw new Error(`${pair.name}: warm-up read answered ${r.status}: ${r.body.slice(0, 200)}`);
    }
    for (const m of members) for (const url of pair.urls) await get(`${url}/api/usage`, { cookie: m.cookie });
  }

  const phase = async (pair: Pair) => {
    const ms: number[] = [];
    let cached = 0;
    let other = 0;
    const errors: Record<number, number> = {};
    const started = Date.now();
    const end = started + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, i) => {
        const m = members[i % MEMBERS]!;
        while (Date.now() < end) {
          const r = await get(`${pair.urls[i % 2]}/api/keys/${m.keyRowId}/balances`, { cookie: m.cookie });
          if (r.status !== 200) errors[r.status] = (errors[r.status] ?? 0) + 1;
          else if ((JSON.parse(r.body) as { source?: string }).source === "cache") {
            cached++;
            ms.push(r.ms);
          } else other++;
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    return { requestsPerSecond: cached / seconds, p50: percentile(ms, 50), p95: percentile(ms, 95), other, errors };
  };

  const results = new Map(pairs.map((p) => [p.name, [] as Awaited<ReturnType<typeof phase>>[]]));
  const load: string[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? pairs : [...pairs].reverse();
    for (const pair of order) {
      await new Promise((res) => setTimeout(res, 1_000));
      load.push(execFileSync("cat", ["/proc/loadavg"]).toString().split(" ").slice(0, 3).join(" "));
      const out = await phase(pair);
      results.get(pair.name)!.push(out);
      console.log(
        `  round ${r + 1} ${pair.name.padEnd(13)} ${round(out.requestsPerSecond, 0)} req/s, p50 ${round(out.p50)} ms, p95 ${round(out.p95)} ms`,
      );
    }
  }
  for (const pair of pairs) await pair.stop();
  await sim.close();

  const median = (v: number[]) => percentile(v, 50);
  const summary = Object.fromEntries(
    [...results].map(([name, runs]) => [
      name,
      {
        requestsPerSecond: round(median(runs.map((x) => x.requestsPerSecond)), 0),
        p50Ms: round(median(runs.map((x) => x.p50))),
        p95Ms: round(median(runs.map((x) => x.p95))),
        notCached: runs.reduce((s, x) => s + x.other, 0),
        errors: runs.reduce((s, x) => s + Object.values(x.errors).reduce((a, b) => a + b, 0), 0),
      },
    ]),
  );
  const mine = summary["this checkout"]!;
  const base = summary.baseline;
  // Each round's two phases ran back to back under the same load: their ratio, round by round.
  const pairedRatios = base
    ? results
        .get("this checkout")!
        .map((x, i) => round(x.requestsPerSecond / results.get("baseline")![i]!.requestsPerSecond))
    : [];
  const result = {
    bench: "saturation",
    connections: CONNECTIONS,
    rounds: ROUNDS,
    secondsPerPhase: SECONDS,
    loadAverage: load,
    requestsPerSecond: mine.requestsPerSecond,
    p95Ms: mine.p95Ms,
    ...(base
      ? {
          baselineRequestsPerSecond: base.requestsPerSecond,
          baselineP95Ms: base.p95Ms,
          ratio: round(mine.requestsPerSecond / base.requestsPerSecond),
          pairedRatios,
          pairedRatioMedian: round(median(pairedRatios)),
        }
      : {}),
    summary,
  };
  console.log(`\nbench:saturation results (${CONNECTIONS} connections, closed loop, cached balances, 2 instances)`);
  console.log(
    table([
      ...Object.entries(summary).map(
        ([name, s]) =>
          [
            `${name}: requests/s, p50 / p95 (ms)`,
            s.requestsPerSecond,
            `${s.p50Ms} / ${s.p95Ms}; ${s.notCached} not cached, ${s.errors} errors`,
          ] as [string, number, string],
      ),
      ...(base
        ? [
            ["ratio of the medians (this / baseline)", result.ratio!, "target >= 2 at the same p95"] as [
              string,
              number,
              string,
            ],
            ["ratio round by round, median", result.pairedRatioMedian!, pairedRatios.join(" / ")] as [
              string,
              number,
              string,
            ],
          ]
        : []),
      ["load average before each phase", load.join(" | ")],
    ]),
  );
  console.log(JSON.stringify(result));
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
