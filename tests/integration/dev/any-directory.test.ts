// Both README commands work from a private checkout (mode 700, as root's home is on most
// servers): the embedded PostgreSQL runs as the `postgres` system user, which cannot enter such
// a directory, so pg-runtime.ts moves its binaries and cluster to where it can. A failure that
// cannot be worked around is one line with its cause and fix, never a stack trace.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { clusterDirFor, resolvePgRuntime } from "@/lib/dev/pg-runtime";
import { StartupError } from "@/lib/dev/startup-error";

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

async function waitForPage(url: string, child: ChildProcess, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      if (res.status < 500) return res.status;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return 0;
}

describe("a checkout in a private directory (mode 700)", () => {
  let home = "";
  let checkout = "";
  const clusters: string[] = [];

  beforeAll(() => {
    ({ home, checkout } = clonePrivately());
    mkdirSync(path.join(checkout, ".data", "test"), { recursive: true }); // (so its cluster's name can be known now)
    clusters.push(clusterDirFor(checkout), clusterDirFor(path.join(checkout, ".data", "test")));
  });

  afterAll(() => {
    // (Retries: a process that just exited may still have files open a moment.)
    rmSync(home, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    for (const dir of clusters) rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  });

  it("runs the tests (`npm test`, one integration file on the embedded test database)", async () => {
    const res = await run(
      "npm",
      ["test", "--", "integration", "keys/rotation.test"],
      checkout,
      cleanEnv({ KEYDESK_TEST_PG_PORT: "54341" }),
    );
    expect(res.output).toMatch(/tests: [1-9]\d* passed, 0 failed/);
    expect(res.code).toBe(0);
    expect(res.output).not.toMatch(/EACCES/);
    if (isRoot) expect(res.output).toContain("embedded database lives in");
  });

  it("runs the dashboard (`npm run dev` answers its sign-in page)", async () => {
    const env = cleanEnv({
      PORT: "3341",
      SIMULATOR_PORT: "4341",
      SIMULATOR_CONTROL_PORT: "4342",
      KEYDESK_EMBEDDED_PG_PORT: "54342",
    });
    const child = spawn("npm", ["run", "dev"], {
      cwd: checkout,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
    try {
      const status = await waitForPage("http://127.0.0.1:3341/sign-in", child, 300_000);
      expect({ status, output: status === 200 ? "" : output }).toEqual({ status: 200, output: "" });
      expect(output).not.toMatch(STACK_FRAME);
      if (isRoot) expect(output).toContain(`embedded database lives in ${clusterDirFor(checkout)}`);
    } finally {
      const exited = new Promise((r) => child.once("exit", r));
      if (child.exitCode === null) process.kill(-(child.pid as number), "SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      // What is left of the group (next's workers still writing .next/dev) goes too, so the
      // checkout can be removed.
      try {
        process.kill(-(child.pid as number), "SIGKILL");
      } catch {
        // the whole group has exited
      }
    }
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
