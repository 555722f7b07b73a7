// Runs one of ./lib-tasks.ts's tasks in a tsx process (the workers cannot load lib/ themselves)
// on the browser tests' database and settings (this worker's environment, from the global setup).
import { spawn } from "node:child_process";
import path from "node:path";
import type { LibTasks } from "./lib-tasks";
import { ROOT } from "./servers";

export function libCall<K extends keyof LibTasks>(
  task: K,
  input: Parameters<LibTasks[K]>[0],
): Promise<Awaited<ReturnType<LibTasks[K]>>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(ROOT, "node_modules", ".bin", "tsx"),
      ["--conditions=react-server", path.join(__dirname, "lib-tasks.ts"), task],
      { cwd: ROOT, env: { ...process.env, LOG_LEVEL: "silent" }, stdio: ["pipe", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`lib task ${task} failed (exit ${code}):\n${err}`));
      resolve(JSON.parse(out.trim().split("\n").pop() ?? "null") as Awaited<ReturnType<LibTasks[K]>>);
    });
    child.stdin.end(JSON.stringify(input));
  });
}
