// `npm test`: unit, integration (real PostgreSQL, Redis, simulator) and browser tests, in
// that order, on a dedicated test database. Prints one closing line: "tests: N passed, N failed".
// The dev-server suites (tests/integration/dev: `npm test` and `npm run dev` from a private copy,
// on free ports, their own clusters; no shared database) run in a second jest process alongside
// unit and integration, which they cannot disturb; their output is printed when they end.
// A whole run also builds the app for the browser tests alongside (`next build` writes only
// .next, which no earlier suite reads), so the browser tests start as soon as integration ends.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { prepareTestDatabase } from "./helpers/test-env";
import { chromiumAvailable, CHROMIUM_PATH } from "./e2e/browser";
import { appEnv, E2E_DB_NAME } from "./e2e/app-env";
import { StartupError } from "@/lib/dev/startup-error";

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "test-results");

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

/** The suites that run alongside the others (see the header). */
const ALONGSIDE = "tests/integration/dev/";

function jestArgs(project: "unit" | "integration", outputFile: string, filters: string[], extra: string[]): string[] {
  return [
    "--selectProjects",
    project,
    "--json",
    `--outputFile=${outputFile}`,
    // --forceExit: the results are in the JSON file by then; a handle some suite left open (a
    // socket, a child's pipe) must not hold the run open for ever (seen once after the merge of
    // the security and dialect work; the suites themselves close what they open).
    ...(project === "integration" ? ["--runInBand", "--forceExit"] : []),
    ...extra,
    ...(filters.length ? ["--", ...filters] : []),
  ];
}

function tallyOf(outputFile: string, status: number | null): Tally {
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
        (status !== 0 && json.numFailedTests === 0 && json.numRuntimeErrorTestSuites === 0 ? 1 : 0),
      skipped: json.numPendingTests,
    };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

function runJest(
  project: "unit" | "integration",
  extraEnv: Record<string, string | undefined>,
  filters: string[] = [],
  extra: string[] = [],
): Tally {
  mkdirSync(OUT, { recursive: true });
  const outputFile = path.join(OUT, `jest-${project}.json`);
  rmSync(outputFile, { force: true });
  const res = spawnSync(
    path.join(ROOT, "node_modules", ".bin", "jest"),
    jestArgs(project, outputFile, filters, extra),
    {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, ...extraEnv },
    },
  );
  return tallyOf(outputFile, res.status);
}

/**
 * A program beside the run, at a lower CPU priority (nice 10: the integration suites, which
 * the browser tests wait for, come first), its output to a file; resolves when it ends.
 */
function startBeside(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; log: string }> {
  mkdirSync(OUT, { recursive: true });
  const logFile = path.join(OUT, `${name}.log`);
  // Straight to a file (not a pipe): the runs beside it block this process's event loop
  // (spawnSync), and a pipe nobody reads would stall the program once it filled.
  const fd = openSync(logFile, "w");
  const child = spawn("nice", ["-n", "10", command, ...args], { cwd: ROOT, env, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  return new Promise((resolve) => {
    child.on("close", (status) => resolve({ status, log: readFileSync(logFile, "utf8") }));
  });
}

/** A jest project (and filters) beside the run; resolves with its tally and output. */
function startJestBeside(
  name: string,
  project: "unit" | "integration",
  filters: string[],
  extraEnv: Record<string, string | undefined>,
): Promise<{ tally: Tally; log: string }> {
  const outputFile = path.join(OUT, `${name}.json`);
  rmSync(outputFile, { force: true });
  return startBeside(
    name,
    path.join(ROOT, "node_modules", ".bin", "jest"),
    jestArgs(project, outputFile, filters, []),
    {
      ...process.env,
      ...extraEnv,
    },
  ).then(({ status, log }) => ({ tally: tallyOf(outputFile, status), log }));
}

/** The browser tests' `next build` beside the run; resolves when it ends. */
function startEarlyBuild(databaseUrl: string): Promise<{ ok: boolean; log: string }> {
  return startBeside("e2e-build", path.join(ROOT, "node_modules", ".bin", "next"), ["build"], appEnv(databaseUrl)).then(
    ({ status, log }) => ({ ok: status === 0, log }),
  );
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
function runE2e(filter?: string, env: Record<string, string> = {}): Tally {
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
    env: { ...process.env, ...env },
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
  const integration = !only || only === "integration";
  const whole = !only && !filters.length;
  // The test database first: the suites that run alongside start with it (their jest's setup
  // must not start a second embedded server on the same port).
  const dbUrl = integration ? await prepareTestDatabase() : undefined;
  const beside: { title: string; done: Promise<{ tally: Tally; log: string }> }[] = [];
  if (integration && !filters.length)
    beside.push({
      title: ALONGSIDE,
      done: startJestBeside("jest-integration-dev", "integration", [ALONGSIDE], { KEYDESK_TEST_DATABASE_URL: dbUrl }),
    });
  // A whole run: unit tests, and the browser tests' database and build, beside integration.
  if (whole) beside.push({ title: "tests/unit/", done: startJestBeside("jest-unit", "unit", [], {}) });
  else if (!only || only === "unit") add(runJest("unit", {}, filters));
  const early =
    whole && chromiumAvailable() && process.env.KEYDESK_E2E_SKIP_BUILD !== "1"
      ? await prepareTestDatabase(E2E_DB_NAME).then((url) => ({ url, build: startEarlyBuild(url) }))
      : null;
  if (integration)
    add(
      runJest(
        "integration",
        { KEYDESK_TEST_DATABASE_URL: dbUrl },
        filters,
        filters.length ? [] : [`--testPathIgnorePatterns=${ALONGSIDE}`],
      ),
    );
  for (const b of beside) {
    const done = await b.done;
    console.log(`\n--- ${b.title} (ran alongside; its output) ---\n${done.log}`);
    add(done.tally);
  }
  // The browser tests prepare a database of their own (tests/e2e/global-setup.ts).
  if (early) {
    const built = await early.build;
    if (!built.ok) {
      console.error(`\n!!! next build for the browser tests failed:\n${built.log}`);
      add({ passed: 0, failed: 1, skipped: 0 });
    } else add(runE2e(process.env.E2E_FILTER, { KEYDESK_E2E_SKIP_BUILD: "1", KEYDESK_E2E_DATABASE_URL: early.url }));
  } else if (!only || only === "e2e") add(runE2e(filters[0] ?? process.env.E2E_FILTER));
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
