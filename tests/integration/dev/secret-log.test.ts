// A key pasted into a URL never reaches the dev server's log: `npm run dev` (embedded database,
// simulator, `next dev`) is asked for /keys/eyJ…, ?key=eyJ… and /api/keys/eyJ…/balances, then its
// whole output is searched for any part of the key. A plain request is in the log (logging is on).
// Ports from the environment (KEYDESK_* / PORT / SIMULATOR_*), so a second checkout can run it at once.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { fakeKey } from "../../helpers/fake-keys";

const ROOT = path.resolve(__dirname, "..", "..", "..");
jest.setTimeout(420_000);

const port = process.env.PORT ?? "3000";
const env = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NEXT_TELEMETRY_DISABLED: "1",
  PORT: port,
  SIMULATOR_PORT: process.env.SIMULATOR_PORT ?? "4100",
  SIMULATOR_CONTROL_PORT: process.env.SIMULATOR_CONTROL_PORT ?? "4101",
  KEYDESK_EMBEDDED_PG_PORT: process.env.KEYDESK_EMBEDDED_PG_PORT ?? "54330",
} as unknown as NodeJS.ProcessEnv;

async function get(url: string): Promise<number> {
  try {
    const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(120_000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

it("the dev log holds no part of a key requested in a path or a query string", async () => {
  const child = spawn("npm", ["run", "dev"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const base = `http://127.0.0.1:${port}`;
  try {
    let status = 0;
    for (let i = 0; i < 600 && child.exitCode === null && status !== 200; i++) {
      status = await get(`${base}/sign-in`);
      if (status !== 200) await new Promise((r) => setTimeout(r, 500));
    }
    expect({ status, output: status === 200 ? "" : output.slice(-3000) }).toEqual({ status: 200, output: "" });
    const { key } = fakeKey();
    const parts = key.split(".");
    for (const url of [
      `/keys/${key}`,
      `/sign-in?key=${key}`,
      `/api/keys/${key}/balances`,
      `/keys/${parts.join("%2E")}`,
      `/api/health?key=${encodeURIComponent(key)}`,
    ])
      expect(await get(`${base}${url}`)).toBeGreaterThan(0);
    // A marker request after them: once it is in the log, so is everything before it.
    const marker = randomUUID();
    await get(`${base}/sign-in?probe=${marker}`);
    for (let i = 0; i < 200 && !output.includes(marker); i++) await new Promise((r) => setTimeout(r, 100));
    expect(output).toContain(`/sign-in?probe=${marker}`);
    for (const p of parts) expect(output).not.toContain(p.slice(3, 30));
    expect(output).not.toContain(key);
  } finally {
    const exited = new Promise((r) => child.once("exit", r));
    if (child.exitCode === null) process.kill(-(child.pid as number), "SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    try {
      process.kill(-(child.pid as number), "SIGKILL");
    } catch {
      // the whole group has exited
    }
  }
});
