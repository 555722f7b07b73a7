// Both README commands work from a private checkout (mode 700, as root's home is on most
// servers): the embedded PostgreSQL runs as the `postgres` system user, which cannot enter such
// a directory, so pg-runtime.ts moves its binaries and cluster to where it can. A failure that
// cannot be worked around is one line with its cause and fix, never a stack trace. The dev
// server is also asked for a key pasted into URLs, and its whole log must hold no part of it.
// `npm test` and `npm run dev` run side by side (their own free ports and clusters): the suite
// takes as long as the slower of the two, not both.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { clusterDirFor, resolvePgRuntime } from "@/lib/dev/pg-runtime";
import { StartupError } from "@/lib/dev/startup-error";
import { fakeKey } from "../../helpers/fake-keys";
import { freePorts } from "../../helpers/free-ports";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

jest.setTimeout(420_000);

/** A copy of this working tree (tracked and untracked, not ignored) in a mode-700 directory. */
function clonePrivately(): { home: string; checkout: string } {
  const home = mkdtempSync(path.join(os.tmpdir(), "keydesk-private-"));
  chmodSync(home, 0o700);
  const checkout = path.join(home, "keydesk");
  const files = spawnSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: ROOT, encoding: "utf8" })
    .stdout.split("\0")
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(path.dirname(path.join(checkout, file)), { recursive: true });
    cpSync(path.join(ROOT, file), path.join(checkout, file), { verbatimSymlinks: true });
  }
  // node_modules as hard links (the same files and modes, in a second place) where the temporary
  // directory is on the same mount, else copied; the generated client copied.
  const modules = path.join(ROOT, "node_modules");
  if (spawnSync("cp", ["-al", modules, checkout], { stdio: "ignore" }).status !== 0) {
    rmSync(path.join(checkout, "node_modules"), { recursive: true, force: true });
    expect(spawnSync("cp", ["-a", modules, checkout], { stdio: "ignore" }).status).toBe(0);
  }
  cpSync(path.join(ROOT, "lib", "generated"), path.join(checkout, "lib", "generated"), { recursive: true });
  return { home, checkout };
}

/** Only what a newcomer's shell would have: no database, exchange or test settings leak in. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  // (NODE_ENV is left unset on purpose: each command sets its own.)
  const keep = ["PATH", "HOME", "LANG", "TMPDIR"];
  const env: Record<string, string | undefined> = { NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "warn" };
  for (const k of keep) if (process.env[k]) env[k] = process.env[k];
  return { ...env, ...extra } as NodeJS.ProcessEnv;
}

function run(
  cmd: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

/** The page's status once it answers below 500; 0 when the child exited or the deadline passed. */
async function waitForPage(url: string, child: ChildProcess, timeoutMs: number): Promise<number> {
  const exited = new Promise<number>((resolve) => child.once("exit", () => resolve(0)));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    // Each try waits for the answer (next dev compiles the page on the first request); a refused
    // connection (not listening yet) is retried after a short pause, or as soon as the child exits.
    const status = await Promise.race([get(url), exited]);
    if (status > 0 && status < 500) return status;
    await Promise.race([new Promise((r) => setTimeout(r, 250)), exited]);
  }
  return 0;
}

async function get(url: string): Promise<number> {
  try {
    const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(120_000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** Ends a detached child's whole process group (next's workers too), so its checkout can be removed. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once("exit", r));
  if (child.exitCode === null) process.kill(-(child.pid as number), "SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  try {
    process.kill(-(child.pid as number), "SIGKILL");
  } catch {
    // the whole group has exited
  }
}

interface DevRun {
  status: number;
  output: string;
  /** The key pasted into URLs, and whether the marker request after it reached the log. */
  key: string;
  /** The statuses of the key's requests (0: no answer). */
  keyStatuses: number[];
  markerLogged: boolean;
}

/**
 * `npm run dev` in the checkout until its sign-in page answers; then a key in paths and query
 * strings, and a marker request after them (once the marker is in the log, so is everything
 * before it). Resolves with the whole output once the server is stopped.
 */
async function runDev(checkout: string, ports: number[]): Promise<DevRun> {
  const [port, simPort, simControlPort, pgPort, simWsPort] = ports;
  const env = cleanEnv({
    PORT: String(port),
    SIMULATOR_PORT: String(simPort),
    SIMULATOR_CONTROL_PORT: String(simControlPort),
    // The simulator's WebSocket too: its default (4102) is taken whenever another checkout's
    // `npm run dev` or simulator runs.
    SIMULATOR_WS_PORT: String(simWsPort),
    KEYDESK_EMBEDDED_PG_PORT: String(pgPort),
    // Request lines are what the secret check reads: logged at info.
    LOG_LEVEL: "info",
  });
  const child = spawn("npm", ["run", "dev"], { cwd: checkout, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const base = `http://127.0.0.1:${port}`;
  const { key } = fakeKey();
  let markerLogged = false;
  const keyStatuses: number[] = [];
  try {
    const status = await waitForPage(`${base}/sign-in`, child, 300_000);
    if (status === 200) {
      const parts = key.split(".");
      for (const url of [
        `/keys/${key}`,
        `/sign-in?key=${key}`,
        `/api/keys/${key}/balances`,
        `/keys/${parts.join("%2E")}`,
        `/api/health?key=${encodeURIComponent(key)}`,
      ])
        keyStatuses.push(await get(`${base}${url}`));
      const marker = randomUUID();
      await get(`${base}/sign-in?probe=${marker}`);
      const logged = (): boolean => output.includes(`/sign-in?probe=${marker}`);
      for (let i = 0; i < 200 && !logged() && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 50));
      markerLogged = logged();
    }
    return { status, output, key, keyStatuses, markerLogged };
  } finally {
    await stopGroup(child);
  }
}

describe("a checkout in a private directory (mode 700)", () => {
  let home = "";
  let checkout = "";
  const clusters: string[] = [];
  let npmTest: Promise<{ code: number | null; output: string }>;
  let dev: Promise<DevRun>;

  beforeAll(async () => {
    ({ home, checkout } = clonePrivately());
    mkdirSync(path.join(checkout, ".data", "test"), { recursive: true }); // (so its cluster's name can be known now)
    clusters.push(clusterDirFor(checkout), clusterDirFor(path.join(checkout, ".data", "test")));
    const [testPg, ...devPorts] = await freePorts(6);
    // Both started now, side by side: each test below waits for its own.
    npmTest = run(
      "npm",
      // A short file on the database (the point is that the command works here, not what it
      // tests): the rotation suite this ran before took over a minute on a busy machine.
      ["test", "--", "integration", "teams/member-reads.test"],
      checkout,
      cleanEnv({ KEYDESK_TEST_PG_PORT: String(testPg) }),
    );
    dev = runDev(checkout, devPorts);
    // Neither is awaited here; a rejection is reported by the test that awaits it.
    npmTest.catch(() => undefined);
    dev.catch(() => undefined);
  });

  afterAll(async () => {
    await Promise.allSettled([npmTest, dev]);
    // (Retries: a process that just exited may still have files open a moment.)
    rmSync(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    for (const dir of clusters) rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  });

  it("runs the tests (`npm test`, one integration file on the embedded test database)", async () => {
    const res = await npmTest;
    expect(res.output).toMatch(/tests: [1-9]\d* passed, 0 failed/);
    expect(res.code).toBe(0);
    expect(res.output).not.toMatch(/EACCES/);
    if (isRoot) expect(res.output).toContain("embedded database lives in");
  });

  it("runs the dashboard (`npm run dev` answers its sign-in page)", async () => {
    const { status, output } = await dev;
    expect({ status, output: status === 200 ? "" : output.slice(-3000) }).toEqual({ status: 200, output: "" });
    expect(output).not.toMatch(STACK_FRAME);
    if (isRoot) expect(output).toContain(`embedded database lives in ${clusterDirFor(checkout)}`);
  });

  it("the dev log holds no part of a key requested in a path or a query string", async () => {
    const { status, output, key, keyStatuses, markerLogged } = await dev;
    expect(status).toBe(200);
    expect(keyStatuses.filter((s) => s > 0)).toHaveLength(5); // every request was answered
    // The marker request after the key's is in the log: logging was on, and the key's requests were written before it.
    expect(markerLogged).toBe(true);
    for (const p of key.split(".")) expect(output).not.toContain(p.slice(3, 30));
    expect(output).not.toContain(key);
  });

  (isRoot ? it : it.skip)("says in one line what to do when nowhere is reachable", () => {
    let thrown: unknown;
    try {
      resolvePgRuntime(checkout, "/dev/null/keydesk");
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(StartupError);
    const message = (thrown as Error).message;
    expect(message).toMatch(/^Cannot start: the postgres system user cannot enter .+\. Fix: .+\.$/);
    expect(message).not.toContain("\n");
  });

  it("keeps a reachable checkout's database where the README says (.data/postgres)", () => {
    expect(resolvePgRuntime(ROOT).databaseDir).toBe(path.join(ROOT, ".data", "postgres"));
  });
});
