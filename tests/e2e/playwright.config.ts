// The browser tests on @playwright/test with Debian's Chromium (never a downloaded browser).
// One global setup builds the app and starts both apps and simulators (./global-setup.ts).
// Projects: "servers" checks they answer; "desktop" and "phone" run the specs in parallel
// workers; "fuzz" follows them alone (10,000 requests would crowd the others' shared upstream
// budget); "canary" runs last whatever failed (a teardown), and reads every body, log line
// and the database the whole run produced. See README.md here.
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_PATH, LAUNCH_ARGS, VIEWPORTS } from "./browser";

const ROOT = path.resolve(__dirname, "..", "..");

// The fuzz run's seed is in its title, so the runner and its workers (each loads the specs)
// must agree on it: chosen once here, inherited by the workers.
process.env.FUZZ_SEED ??= String(Date.now() % 2_147_483_647);

/** The specs that run at both sizes; the others pick their own viewport, at desktop size by default. */
const BOTH_SIZES = /\/(auth-shell|vault|lifecycle|dashboard|teams|german|portfolio)\.e2e\.ts$/;
const LAST = /\/(fuzz|canary)\.e2e\.ts$/;

export default defineConfig({
  testDir: __dirname,
  testMatch: /\.e2e\.ts$/,
  outputDir: path.join(ROOT, "test-results", "e2e"),
  globalSetup: "./global-setup.ts",
  fullyParallel: true,
  workers: Number(process.env.KEYDESK_E2E_WORKERS ?? 2),
  retries: 0,
  forbidOnly: !!process.env.CI,
  // A ceiling for a test that is stuck, not a wait: every wait is on a state.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: [["list"], ["json", { outputFile: path.join(ROOT, "test-results", "e2e-report.json") }]],
  use: {
    browserName: "chromium",
    launchOptions: { executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS },
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    { name: "servers", testMatch: /\/servers\.setup\.ts$/, teardown: "canary" },
    {
      name: "desktop",
      dependencies: ["servers"],
      testIgnore: LAST,
      use: { viewport: VIEWPORTS.desktop },
    },
    {
      name: "phone",
      dependencies: ["servers"],
      testMatch: BOTH_SIZES,
      use: { viewport: VIEWPORTS.phone, isMobile: true, hasTouch: true },
    },
    {
      name: "fuzz",
      dependencies: ["desktop", "phone"],
      testMatch: /\/fuzz\.e2e\.ts$/,
      use: { viewport: VIEWPORTS.desktop },
    },
    {
      name: "canary",
      testMatch: /\/canary\.e2e\.ts$/,
      fullyParallel: false,
      workers: 1,
      use: { viewport: VIEWPORTS.desktop },
    },
  ],
});
