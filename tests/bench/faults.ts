// `npm run bench:faults [-- --quick]`: the fault drill. One `npm start` instance with its own
// embedded PostgreSQL and its own Redis, in front of the simulator, with 40 signed-in viewers
// polling 8 keys. Injected in turn: upstream latency 5 s, upstream 5xx for 30 s, malformed
// JSON, connection resets, an upstream error echoing the request (Authorization included), a 429 storm, a revoked key, a PostgreSQL restart and a Redis
// stop/start. For each: what viewers saw (by kind), whether stale data came with a reason,
// recovery time after the fault ends, and at the end the upstream maximum per minute, the
// app restarts needed, whether any key leaked into the logs and whether every log line
// carries its request id. Prints a table and one JSON line.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { startSimulator } from "@/lib/simulator";
import { startEmbeddedPostgres, type EmbeddedDb } from "@/lib/dev/embedded-postgres";
import { ROOT } from "../helpers/test-env";
import { TEST_SECRETS } from "../helpers/test-secrets";
import { startAppServer } from "../e2e/app-server";
import { createClient } from "./http-client";
import { table } from "./stats";
import { keyNeedles, leaksIn } from "../helpers/canary";
import { appLogLines, requestLines, requestLinesWithoutId } from "../helpers/log-lines";
import { buildApp } from "../helpers/build-app";

const QUICK = process.argv.includes("--quick");
const FAULT_MS = QUICK ? 10_000 : 20_000;
const VIEWERS = 40;
const KEYS = 8;
// Its own ports, overridable so two drills (or a drill and the browser tests) can run side by side.
const PG_PORT = Number(process.env.KEYDESK_FAULTS_PG_PORT ?? 54331);
const REDIS_PORT = Number(process.env.KEYDESK_FAULTS_REDIS_PORT ?? 6391);
const APP_PORT = Number(process.env.KEYDESK_FAULTS_APP_PORT ?? 3401);
/** Of a checked phase's stale answers, at least this share must name the phase's failure. */
const LABEL_SHARE = 0.9;
/** Where the app's log is also written (a file to read after the run), when set. */
const APP_LOG = process.env.KEYDESK_FAULTS_APP_LOG;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startRedis(): ChildProcess {
  return spawn(
    "redis-server",
    ["--port", String(REDIS_PORT), "--save", "", "--appendonly", "no", "--bind", "127.0.0.1"],
    { stdio: "ignore" },
  );
}
async function stopRedis(r: ChildProcess) {
  await new Promise<void>((resolve) => {
    r.once("exit", () => resolve());
    r.kill("SIGKILL");
  });
}

interface Sample {
  at: number;
  status: number;
  source?: string;
  staleReason?: string;
  code?: string;
  reason?: string;
  viewer: number;
}

/** "upstream_error 412, rate_limited 3 (want upstream_error)" */
function labelLine(r: Record<string, unknown>): string {
  const counts = Object.entries((r.staleLabels as Record<string, number>) ?? {})
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
  const want = r.expectedLabels ? ` (want ${(r.expectedLabels as string[]).join(" or ")})` : "";
  return `${counts || "none stale"}${want}${r.labelsOk === false ? " WRONG" : ""}`;
}

async function main() {
  console.log(`bench:faults ${QUICK ? "(quick)" : ""}: embedded PostgreSQL, Redis on ${REDIS_PORT}, simulator, build…`);
  let pgDb: EmbeddedDb = await startEmbeddedPostgres({
    rootDir: path.join(ROOT, ".data", "faults"),
    port: PG_PORT,
    database: "keydesk_faults",
    log: () => undefined,
  });
  const databaseUrl = pgDb.url;
  execFileSync(path.join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: "ignore",
  });
  let redis = startRedis();
  await sleep(300);
  const sim = await startSimulator({ port: 0, controlPort: 0, seed: "faults" });
  const redisUrl = `redis://127.0.0.1:${REDIS_PORT}/0`;
  Object.assign(process.env, TEST_SECRETS, {
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: "warn",
    EXCHANGE_BASE_URL: sim.url,
    EXCHANGE_TIMEOUT_MS: "3000",
  });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    KEYDESK_ALLOW_INSECURE_EXCHANGE: "true",
    REDIS_URL: redisUrl,
    KEYDESK_INSTANCE_COUNT: "1",
    SIMULATOR_CONTROL_URL: sim.controlUrl,
    LOG_LEVEL: "info",
  };
  buildApp(ROOT, env);

  const { db, disconnectDb } = await import("@/lib/db");
  const { hashPassword } = await import("@/lib/factors/password");
  const { seedViewer } = await import("./seed-viewer");
  await db.apiKey.deleteMany({});
  const passwordHash = await hashPassword("fault drill viewer password");
  const keys: { key: string; jti: string; account: string }[] = [];
  for (let k = 0; k < KEYS; k++) {
    const m = (await (
      await fetch(`${sim.controlUrl}/keys`, {
        method: "POST",
        body: JSON.stringify({ scopes: ["READ_ONLY"], account: `fault-${k}` }),
      })
    ).json()) as { key: string; jti: string; accountId: string };
    keys.push({ key: m.key, jti: m.jti, account: `fault-${k}` });
  }
  const viewers: { cookie: string; keyRowId: string; k: number }[] = [];
  for (let v = 0; v < VIEWERS; v++) {
    const k = v % KEYS;
    const seeded = await seedViewer({
      email: `fault-viewer-${v}-${Date.now()}@bench.test`,
      passwordHash,
      rowId: `fault${String(v).padStart(20, "0")}`,
      label: `k${v}`,
      key: keys[k]!.key,
    });
    viewers.push({ ...seeded, k });
  }
  await disconnectDb();

  const app = await startAppServer(env, APP_PORT, APP_LOG);
  const get = createClient(40);
  const samples: Sample[] = [];
  let running = true;
  const loops = viewers.map(async (viewer, v) => {
    await sleep(Math.random() * 2_000);
    while (running) {
      const r = await get(`${app.url}/api/keys/${viewer.keyRowId}/balances`, { cookie: viewer.cookie });
      let body: { source?: string; staleReason?: string; error?: { code?: string; reason?: string } } = {};
      try {
        body = JSON.parse(r.body) as typeof body;
      } catch {
        /* not JSON */
      }
      samples.push({
        at: Date.now(),
        status: r.status,
        source: body.source,
        staleReason: body.staleReason,
        code: body.error?.code,
        reason: body.error?.reason,
        viewer: v,
      });
      await sleep(1_500 + Math.random() * 1_000);
    }
  });

  const fault = (b: object) => fetch(`${sim.controlUrl}/faults`, { method: "POST", body: JSON.stringify(b) });
  const clear = () => fetch(`${sim.controlUrl}/faults`, { method: "DELETE" });
  type Phase = {
    name: string;
    inject: () => Promise<void>;
    end: () => Promise<void>;
    ms: number;
    viewers?: (v: number) => boolean;
    /** The stale labels that name this fault; a phase without them is not checked (labels are printed). */
    labels?: string[];
  };
  const phases: Phase[] = [
    {
      name: "upstream latency 5 s",
      labels: ["upstream_unreachable"],
      ms: FAULT_MS,
      inject: async () => void (await fault({ kind: "latency", latencyMs: 5_000, durationMs: FAULT_MS })),
      end: async () => void (await clear()),
    },
    {
      name: "upstream 5xx for 30 s",
      labels: ["upstream_error"],
      ms: 30_000,
      inject: async () => void (await fault({ kind: "error5xx", status: 503, durationMs: 30_000 })),
      end: async () => void (await clear()),
    },
    {
      name: "malformed JSON",
      labels: ["upstream_error"],
      ms: FAULT_MS,
      inject: async () => void (await fault({ kind: "malformed", durationMs: FAULT_MS })),
      end: async () => void (await clear()),
    },
    {
      name: "connection resets",
      labels: ["upstream_unreachable"],
      ms: FAULT_MS,
      inject: async () => void (await fault({ kind: "reset", durationMs: FAULT_MS })),
      end: async () => void (await clear()),
    },
    {
      name: "upstream echoes the request (Authorization included)",
      labels: ["upstream_error"],
      ms: FAULT_MS,
      inject: async () => void (await fault({ kind: "echo", status: 502, durationMs: FAULT_MS })),
      end: async () => void (await clear()),
    },
    {
      name: "429 storm",
      labels: ["rate_limited", "account_cooldown"],
      ms: FAULT_MS,
      inject: async () => void (await fault({ kind: "ratelimit", durationMs: FAULT_MS })),
      end: async () => void (await clear()),
    },
    {
      name: "revoked key (1 of 8)",
      labels: ["key_revoked"],
      ms: FAULT_MS,
      viewers: (v) => v % KEYS === 0,
      inject: async () =>
        void (await fetch(`${sim.controlUrl}/keys/revoke`, {
          method: "POST",
          body: JSON.stringify({ jti: keys[0]!.jti }),
        })),
      end: async () => undefined,
    },
    {
      name: "PostgreSQL restart",
      ms: 8_000,
      inject: async () => {
        await pgDb.stop();
      },
      end: async () => {
        pgDb = await startEmbeddedPostgres({
          rootDir: path.join(ROOT, ".data", "faults"),
          port: PG_PORT,
          database: "keydesk_faults",
          log: () => undefined,
        });
      },
    },
    {
      name: "Redis stop/start",
      ms: FAULT_MS,
      inject: async () => {
        await stopRedis(redis);
      },
      end: async () => {
        redis = startRedis();
      },
    },
  ];

  const results: Record<string, unknown>[] = [];
  await sleep(6_000); // warm: every key cached once
  for (const p of phases) {
    const start = Date.now();
    await p.inject();
    await sleep(p.ms);
    await p.end();
    const ended = Date.now();
    // A 429 cools the account down for a minute, as the exchange asks: watch long enough to see it end.
    await sleep(p.name === "429 storm" ? 75_000 : QUICK ? 15_000 : 25_000);
    const mine = (s: Sample) => !p.viewers || p.viewers(s.viewer);
    const during = samples.filter((s) => s.at >= start && s.at < ended && mine(s));
    const after = samples.filter(
      (s) => s.at >= ended && mine(s) && s.status === 200 && (s.source === "live" || s.source === "cache"),
    );
    const kinds: Record<string, number> = {};
    for (const s of during) {
      const k =
        s.status === 200
          ? `200 ${s.source}${s.staleReason ? `:${s.staleReason}` : ""}`
          : `${s.status} ${s.reason ?? s.code ?? "?"}`;
      kinds[k] = (kinds[k] ?? 0) + 1;
    }
    const stale = during.filter((s) => s.source === "stale");
    const labels: Record<string, number> = {};
    for (const s of stale) labels[s.staleReason ?? "none"] = (labels[s.staleReason ?? "none"] ?? 0) + 1;
    const named = p.labels ? stale.filter((s) => p.labels!.includes(s.staleReason ?? "")).length : null;
    // No stale answer at all is fine (everything was fresh); a checked phase's stale answers must name its failure.
    const labelsOk = named === null || stale.length === 0 ? null : named / stale.length >= LABEL_SHARE;
    results.push({
      fault: p.name,
      responses: during.length,
      kinds,
      staleLabels: labels,
      expectedLabels: p.labels ?? null,
      labelsOk,
      staleWithReason: stale.length ? stale.every((s) => Boolean(s.staleReason)) : null,
      errors5xx: during.filter((s) => s.status >= 500 || s.status === 0).length,
      recoverySeconds: p.name.startsWith("revoked")
        ? null
        : after.length
          ? Math.round((Math.min(...after.map((s) => s.at)) - ended) / 100) / 10
          : "not recovered",
    });
    console.log(`  ${JSON.stringify(results.at(-1))}`);
  }
  running = false;
  await Promise.all(loops);
  const counters = (await (await fetch(`${sim.controlUrl}/counters`)).json()) as {
    maxPerIp: number;
    maxPerAccount: number;
    sent429: { total: number };
  };
  const logs = app.logs.join("");
  const leaked = leaksIn([["the app's log", [logs]]], keyNeedles(keys.map((k) => k.key))).length;
  // The canary's rule (tests/helpers/log-lines.ts): a request's lines, not start-up's or a job's.
  const logLines = requestLines(appLogLines(logs));
  const linesWithoutRequestId = requestLinesWithoutId(logLines).length;
  const restarts = app.alive() ? 0 : 1;
  await app.stop();
  await sim.close();
  await stopRedis(redis);
  await pgDb.stop();

  const summary = {
    bench: "faults",
    quick: QUICK,
    viewers: VIEWERS,
    keys: KEYS,
    upstreamMaxPerMinutePerIp: counters.maxPerIp,
    upstreamMaxPerMinutePerAccount: counters.maxPerAccount,
    upstream429Sent: counters.sent429.total,
    appRestartsNeeded: restarts,
    keysInLogs: leaked,
    logLines: logLines.length,
    logLinesWithoutRequestId: linesWithoutRequestId,
    phases: results,
  };
  console.log("\nbench:faults results");
  console.log(
    table(
      results.map(
        (r) =>
          [
            String(r.fault),
            `${r.errors5xx} 5xx/none`,
            `stale w/ reason: ${String(r.staleWithReason)}; labels ${labelLine(r)}; recovery ${String(r.recoverySeconds)} s`,
          ] as [string, string, string],
      ),
    ),
  );
  console.log(
    table([
      ["upstream max / rolling min / IP", counters.maxPerIp, "ceiling 240"],
      ["upstream max / rolling min / account", counters.maxPerAccount, "ceiling 200"],
      ["app restarts needed", restarts, "target 0"],
      ["key fragments found in the app's log", leaked, "target 0"],
      [`log lines without a request id (of ${logLines.length})`, linesWithoutRequestId, "target 0"],
    ]),
  );
  console.log(JSON.stringify(summary));
  const wrong = results.filter((r) => r.labelsOk === false);
  if (wrong.length) {
    console.error(
      `\nstale labels wrong in: ${wrong.map((r) => `${String(r.fault)} (${labelLine(r)})`).join("; ")}; ` +
        `at least ${LABEL_SHARE * 100} % of a phase's stale answers must name its failure`,
    );
    process.exit(1);
  }
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
