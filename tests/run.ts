// `npm test`: unit, integration (real PostgreSQL, Redis, simulator) and browser tests, in
// that order, on a dedicated test database. Prints one closing line: "tests: N passed, N failed".
import { spawnSync } from "node:child_process";
import { readFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { prepareTestDatabase } from "./helpers/test-env";
import { runE2e } from "./e2e/run";
import { StartupError } from "@/lib/dev/startup-error";

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "test-results");

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

function runJest(
  project: "unit" | "integration",
  extraEnv: Record<string, string | undefined>,
  filters: string[] = [],
): Tally {
  mkdirSync(OUT, { recursive: true });
  const outputFile = path.join(OUT, `jest-${project}.json`);
  const args = [
    "--selectProjects",
    project,
    "--json",
    `--outputFile=${outputFile}`,
    // --forceExit: the results are in the JSON file by then; a handle some suite left open (a
    // socket, a child's pipe) must not hold the run open for ever (seen once after the merge of
    // the security and dialect work; the suites themselves close what they open).
    ...(project === "integration" ? ["--runInBand", "--forceExit"] : []),
    ...(filters.length ? ["--", ...filters] : []),
  ];
  const res = spawnSync(path.join(ROOT, "node_modules", ".bin", "jest"), args, {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, ...extraEnv },
  });
  try {
    const json = JSON.parse(readFileSync(outputFile, "utf8")) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numRuntimeErrorTestSuites: number;
    };
    return {
      passed: json.numPassedTests,
      failed:
        json.numFailedTests +
        json.numRuntimeErrorTestSuites +
        (res.status !== 0 && json.numFailedTests === 0 && json.numRuntimeErrorTestSuites === 0 ? 1 : 0),
      skipped: json.numPendingTests,
    };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

async function main() {
  const started = Date.now();
  const only = process.argv[2]; // optional: unit | integration | e2e
  const filters = process.argv.slice(3); // optional: test path patterns (jest) or test names (e2e)
  const total: Tally = { passed: 0, failed: 0, skipped: 0 };
  const add = (t: Tally) => {
    total.passed += t.passed;
    total.failed += t.failed;
    total.skipped += t.skipped;
  };
  if (!only || only === "unit") add(runJest("unit", {}, filters));
  let dbUrl: string | undefined;
  if (!only || only === "integration" || only === "e2e") {
    dbUrl = await prepareTestDatabase();
  }
  if (!only || only === "integration") add(runJest("integration", { KEYDESK_TEST_DATABASE_URL: dbUrl }, filters));
  if (!only || only === "e2e") {
    const e2e = await runE2e(dbUrl as string, filters[0]);
    add({ passed: e2e.passed, failed: e2e.failed, skipped: e2e.skipped ? 1 : 0 });
  }
  console.log(`\nAll suites finished in ${Math.round((Date.now() - started) / 1000)} s.`);
  console.log(
    `tests: ${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`,
  );
  process.exit(total.failed ? 1 : 0);
}

main().catch((err: unknown) => {
  // A start-up failure with a known cause is one line (cause and fix); anything else in full.
  console.error(err instanceof StartupError ? err.message : err);
  console.log("tests: 0 passed, 1 failed");
  process.exit(1);
});
