// podman and podman-compose for the container check, as this machine needs them: the runc
// runtime and a containers.conf without default ulimits (README, "Checking the container").
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";

export const STANDIN_CACHE = process.env.KEYDESK_STANDIN_CACHE ?? "/var/cache/keydesk/stand-ins";
export const CONTAINERS_CONF = process.env.CONTAINERS_CONF ?? `${STANDIN_CACHE}/containers.conf`;
const ENV = { ...process.env, CONTAINERS_CONF };

export async function podman(args: string[], opts: { allowFail?: boolean; timeoutMs?: number } = {}) {
  try {
    const r = await promisify(execFile)("podman", ["--runtime", "runc", ...args], {
      env: ENV,
      maxBuffer: 64 * 1024 * 1024,
      timeout: opts.timeoutMs ?? 600_000,
    });
    return { ok: true, out: r.stdout, err: r.stderr };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    if (!opts.allowFail)
      throw new Error(`podman ${args.slice(0, 3).join(" ")} failed: ${(err.stderr || err.message).trim().slice(-800)}`);
    return { ok: false, out: err.stdout ?? "", err: err.stderr ?? err.message };
  }
}

/** Runs a command with its output streamed to a log file's worth of lines kept in memory. */
export function runLogged(cmd: string, args: string[], cwd: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: ENV, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) => resolve({ code, out }));
  });
}

export function compose(project: string, dir: string, files: string[], args: string[]) {
  return runLogged(
    "podman-compose",
    ["--podman-args", "--runtime runc", "-p", project, ...files.flatMap((f) => ["-f", f]), ...args],
    dir,
  );
}

/** Runs JavaScript with node inside a container (its own loopback is the app's address). */
export async function nodeIn(container: string, script: string, timeoutMs = 60_000): Promise<string> {
  const r = await podman(["exec", container, "node", "-e", script], { timeoutMs });
  return r.out.trim();
}

export async function containersOf(project: string, service: string): Promise<string[]> {
  const r = await podman([
    "ps",
    "--filter",
    `label=io.podman.compose.project=${project}`,
    "--filter",
    `label=com.docker.compose.service=${service}`,
    "--format",
    "{{.Names}}",
  ]);
  return r.out.split("\n").filter(Boolean).sort();
}
