// Small helpers for the dev starter and test runners: spawn children that die with us,
// run a command to completion, and wait for an HTTP endpoint.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { redactingLines } from "@/lib/redact-text";

const children = new Set<ChildProcess>();

/**
 * A long-running child (the dev server, the simulator). Its output reaches ours line by line with
 * anything shaped like an exchange key cut out (a key pasted into a URL shows in request logs).
 */
export function startChild(cmd: string, args: string[], opts: SpawnOptions & { name: string }): ChildProcess {
  const color = process.stdout.isTTY ? { FORCE_COLOR: "1" } : {};
  const child = spawn(cmd, args, {
    ...opts,
    stdio: ["inherit", "pipe", "pipe"],
    env: { ...color, ...(opts.env ?? process.env) },
  });
  child.stdout?.pipe(redactingLines()).pipe(process.stdout);
  child.stderr?.pipe(redactingLines()).pipe(process.stderr);
  children.add(child);
  child.on("exit", () => children.delete(child));
  return child;
}

export function runToCompletion(cmd: string, args: string[], opts: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: "inherit", ...opts });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      // Read the body to its end, so the connection goes back to the pool now rather than
      // whenever the response is garbage-collected.
      await res.arrayBuffer().catch(() => undefined);
      if (res.status < 500) return;
      lastError = new Error(`HTTP ${res.status}`);
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Timed out waiting for ${url}: ${String(lastError)}`);
}

export function stopChildren(): void {
  for (const child of children) child.kill("SIGTERM");
}

/** The REST base `npm run dev` gives Keydesk for its local simulator in a dialect. */
export function simulatorBaseUrl(port: string | number, dialect: "bitpanda" | "fast"): string {
  return `http://127.0.0.1:${port}${dialect === "fast" ? "/fast/v1" : "/public/v1"}`;
}
