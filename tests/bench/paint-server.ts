// bench:paint's app servers: one checkout's production build (`next build`) served by
// `npm start`'s bin/start.ts on its own port, so two checkouts can be measured side by side.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { waitForHttp } from "@/lib/dev/processes";

export interface AppServer {
  child: ChildProcess;
  logs: string[];
}

export function startServer(root: string, port: number, env: NodeJS.ProcessEnv): Promise<AppServer> {
  const logs: string[] = [];
  const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["bin/start.ts", "--port", String(port)], {
    cwd: root,
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => logs.push(d.toString()));
  child.stderr?.on("data", (d: Buffer) => logs.push(d.toString()));
  return waitForHttp(`http://127.0.0.1:${port}/sign-in`, 60_000).then(
    () => ({ child, logs }),
    (err: unknown) => {
      child.kill("SIGKILL");
      throw new Error(`${String(err)}\n${logs.join("")}`);
    },
  );
}

export function stopServer(server: AppServer): Promise<void> {
  const { child } = server;
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
