// Issue 15: every exchange call passes the upstream gate, including ones added later. The
// exchange client is reachable only through getExchangeClient(); every module that uses it
// must hand the call to the gate (getGate().fetch or getGate().call). A new call site fails
// this test until it is routed through the gate and listed here.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../../..");
const GATED = [
  "lib/proxy/read.ts",
  "lib/keys/live-check.ts",
  "lib/keys/recheck-key.ts",
  "lib/teams/shares.ts",
  "lib/health.ts",
  "lib/portfolio/take.ts",
  "lib/portfolio/backfill-read.ts",
  "lib/market/instance.ts",
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return f === "generated" || f === "simulator" ? [] : sources(p);
    return /\.tsx?$/.test(f) ? [p] : [];
  });
}

it("every module that calls the exchange client routes the call through the upstream gate", () => {
  const users = [...sources(path.join(ROOT, "lib")), ...sources(path.join(ROOT, "app"))]
    .filter(
      (f) =>
        !f.endsWith(path.join("lib", "exchange", "instance.ts")) &&
        !f.endsWith(path.join("lib", "exchange", "client.ts")),
    )
    .filter((f) => /getExchangeClient\(|createExchangeClient\(/.test(readFileSync(f, "utf8")))
    .map((f) => path.relative(ROOT, f).split(path.sep).join("/"));
  expect(users.sort()).toEqual([...GATED].sort());
  for (const f of GATED) {
    const text = readFileSync(path.join(ROOT, f), "utf8");
    expect([f, /getGate\(\)\.(fetch|call)\b/.test(text)]).toEqual([f, true]);
  }
});

it("the exchange's WebSocket is opened in one place, and only after the gate's connection budget grants it", () => {
  const openers = [...sources(path.join(ROOT, "lib")), ...sources(path.join(ROOT, "app"))]
    .filter((f) => /new WebSocket\(/.test(readFileSync(f, "utf8")))
    .map((f) => path.relative(ROOT, f).split(path.sep).join("/"));
  expect(openers).toEqual(["lib/market/connection.ts"]);
  const text = readFileSync(path.join(ROOT, "lib/market/connection.ts"), "utf8");
  expect(text.indexOf("await this.opts.takeConnection()")).toBeGreaterThan(0);
  expect(text.indexOf("await this.opts.takeConnection()")).toBeLessThan(text.indexOf("new WebSocket("));
  expect(readFileSync(path.join(ROOT, "lib/market/instance.ts"), "utf8")).toMatch(/gate\.connections\.take\(/);
});
