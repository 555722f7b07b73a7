// `next build` of a checkout for the browser tests and the benchmarks: its output hidden,
// its errors shown.
import { execFileSync } from "node:child_process";
import path from "node:path";

export function buildApp(root: string, env: NodeJS.ProcessEnv): void {
  execFileSync(path.join(root, "node_modules", ".bin", "next"), ["build"], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
}
