// `npm test`: unit, integration (real PostgreSQL, Redis, simulator) and browser tests, in
// that order, on a dedicated test database. Prints one closing line: "tests: N passed, N failed".
import { spawnSync } from "node:child_process";
import { readFileSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { prepareTestDatabase } from "./helpers/test-env";
import { chromiumAvailable, CHROMIUM_PATH } from "./e2e/browser";
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

/** Playwright's JSON report: the totals, and errors outside any test (the global setup's). */
interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  errors: unknown[];
}

/**
 * The browser tests (tests/e2e/playwright.config.ts). A filter is a test-name substring (several
 * with "|"); a filtered run leaves out the projects the filtered tests depend on (the servers'
 * check, and the secret canary that follows it), so it runs just what was asked for.
 */
function runE2e(filter?: string): Tally {
  if (!chromiumAvailable()) {
    const msg = `\n!!! Chromium not found at ${CHROMIUM_PATH}: browser tests cannot run.\n!!! Install it with: sudo apt-get update && sudo apt-get install -y chromium\n`;
    if (process.env.CI) {
      console.error(`${msg}!!! CI=true: a missing browser is a failure.\n`);
      return { passed: 0, failed: 1, skipped: 0 };
    }
    console.warn(`${msg}!!! Skipping the browser tests (they are REQUIRED in CI).\n`);
    return { passed: 0, failed: 0, skipped: 1 };
  }
  const report = path.join(OUT, "e2e-report.json");
  rmSync(report, { force: true });
  const escaped = filter
    ?.split("|")
    .map((f) => f.replace(/[.*+?^${}()[\]\\]/g, "\\$&"))
    .join("|");
  const args = ["test", "-c", "tests/e2e/playwright.config.ts", ...(escaped ? ["--grep", escaped, "--no-deps"] : [])];
  const res = spawnSync(path.join(ROOT, "node_modules", ".bin", "playwright"), args, {
    cwd: ROOT,
    stdio: "inherit",
    env: process.env,
  });
  try {
    const json = JSON.parse(readFileSync(report, "utf8")) as PlaywrightReport;
    const failed = json.stats.unexpected + json.errors.length;
    return {
      passed: json.stats.expected + json.stats.flaky,
      failed: failed || (res.status !== 0 ? 1 : 0),
      skipped: json.stats.skipped,
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
  if (!only || only === "integration") dbUrl = await prepareTestDatabase();
  if (!only || only === "integration") add(runJest("integration", { KEYDESK_TEST_DATABASE_URL: dbUrl }, filters));
  // The browser tests prepare a database of their own (tests/e2e/global-setup.ts).
  if (!only || only === "e2e") add(runE2e(filters[0] ?? process.env.E2E_FILTER));
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
