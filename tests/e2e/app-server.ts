// Starts what the browser tests need: the simulator (when present), and the built app
// with `npm start`'s server (bin/start.ts) on the test database.
import { createWriteStream, existsSync } from "node:fs";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { waitForHttp } from "@/lib/dev/processes";

const ROOT = path.resolve(__dirname, "..", "..");

export interface AppServer {
  url: string;
  logs: string[];
  /** The server process (tsx; the node process serving runs under it). */
  pid?: number;
  /** False once the server process has exited. */
  alive(): boolean;
  stop(): Promise<void>;
}

/** The first app server's port; a second checkout running the browser tests at once sets KEYDESK_E2E_PORT. */
export const E2E_PORT = Number(process.env.KEYDESK_E2E_PORT ?? 3100);

/** `logFile`: every line the server writes also goes there as it comes (the browser tests' workers read it). */
export async function startAppServer(env: NodeJS.ProcessEnv, port = E2E_PORT, logFile?: string): Promise<AppServer> {
  const logs: string[] = [];
  const file = logFile ? createWriteStream(logFile, { flags: "a" }) : null;
  const child: ChildProcess = spawn(
    path.join(ROOT, "node_modules", ".bin", "tsx"),
    ["bin/start.ts", "--port", String(port)],
    {
      cwd: ROOT,
      env: { ...env, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const collect = (d: Buffer) => {
    logs.push(d.toString());
    file?.write(d);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  child.once("close", () => file?.end());
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/sign-in`, 60_000);
  } catch (err) {
    child.kill("SIGKILL");
    throw new Error(`${String(err)}\n${logs.join("")}`);
  }
  return {
    url,
    logs,
    pid: child.pid,
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export function appIsBuilt(): boolean {
  return existsSync(path.join(ROOT, ".next", "BUILD_ID"));
}
