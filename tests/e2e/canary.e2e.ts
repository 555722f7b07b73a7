// Secret canary: after the browser tests added keys, search every response body they saw,
// the rendered HTML, the built client bundles, the server log and a dump of the database
// for the keys' plaintext and their signature parts. Zero hits allowed.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expectTrue, test } from "./harness";
import { dumpDatabase } from "../helpers/db-dump";

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

export function registerCanaryTest(ctx: { seen: string[]; secrets: () => string[]; logs: () => string; databaseUrl: string; root: string }): void {
  test("secret canary: no key plaintext or signature in responses, HTML, bundles, logs or the database", async () => {
    const needles = ctx.secrets().flatMap((key) => {
      const sig = key.split(".")[2]!;
      return [key, sig.slice(0, 48), sig.slice(-48), Buffer.from(key).toString("hex").slice(0, 96), Buffer.from(key).toString("base64").slice(8, 72)];
    });
    expectTrue(ctx.seen.length > 20, `the canary saw the tests' responses (${ctx.seen.length})`);
    const bundles = filesUnder(path.join(ctx.root, ".next", "static")).map((f) => readFileSync(f, "latin1"));
    const dump = await dumpDatabase(ctx.databaseUrl);
    expectTrue(/ApiKey/.test(dump.text) || dump.method === "pg_dump", "the dump includes the key table");
    const haystacks: [string, string[]][] = [
      ["HTTP responses and HTML", ctx.seen],
      ["client bundles", bundles],
      ["server log", [ctx.logs()]],
      [`database (${dump.method})`, [dump.text]],
    ];
    for (const [where, texts] of haystacks) {
      for (const needle of needles) {
        const hit = texts.some((t) => t.includes(needle));
        expectTrue(!hit, `a key fragment was found in ${where}`);
      }
    }
  });
}
