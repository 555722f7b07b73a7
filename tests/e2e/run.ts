// Browser tests: build the app, start it (and the simulator when present) on the test
// database, then drive Debian's Chromium at desktop and phone viewports.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { writeFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { chromiumAvailable, launchBrowser, CHROMIUM_PATH } from "./browser";
import { ARTIFACTS, runCases } from "./harness";
import { startAppServer, type AppServer } from "./app-server";
import { registerAuthShellTests } from "./auth-shell.e2e";
import { registerVaultTests } from "./vault.e2e";
import { registerCanaryTest } from "./canary.e2e";
import { registerDashboardTests } from "./dashboard.e2e";
import { registerAuthzMatrixTest } from "./authz-matrix.e2e";
import { registerTeamsTests } from "./teams.e2e";
import { registerSecurityTests } from "./security.e2e";
import { registerFuzzTest } from "./fuzz.e2e";
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { TEST_SECRETS } from "../helpers/test-secrets";

const ROOT = path.resolve(__dirname, "..", "..");

export async function runE2e(databaseUrl: string, filter?: string): Promise<{ passed: number; failed: number; skipped: boolean }> {
  if (!chromiumAvailable()) {
    const msg = `\n!!! Chromium not found at ${CHROMIUM_PATH}: browser tests cannot run.\n!!! Install it with: sudo apt-get update && sudo apt-get install -y chromium\n`;
    if (process.env.CI) {
      console.error(`${msg}!!! CI=true: a missing browser is a failure.\n`);
      return { passed: 0, failed: 1, skipped: false };
    }
    console.warn(`${msg}!!! Skipping the browser tests (they are REQUIRED in CI).\n`);
    return { passed: 0, failed: 0, skipped: true };
  }
  // KEYDESK_REQUIRE_2FA_FOR_TRADE=false: the vault flow adds a Withdraw key without 2FA; the
  // rule is covered by tests/integration/auth/two-factor.test.ts and the 2FA browser test.
  const env: NodeJS.ProcessEnv = { ...process.env, ...TEST_SECRETS, DATABASE_URL: databaseUrl, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", KEYDESK_REQUIRE_2FA_FOR_TRADE: "false" };
  console.log("e2e: building the app (next build)…");
  execFileSync(path.join(ROOT, "node_modules", ".bin", "next"), ["build"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });

  let browser: Browser | undefined;
  let app: AppServer | undefined;
  let sim: RunningSimulator | undefined;
  try {
    // The tests read the truth straight from the simulator with the same accounts, on top of
    // Keydesk's own (budgeted) traffic: the exchange's limits are raised so those extra reads
    // cannot push an account over. The limits themselves are tested in the integration suites.
    sim = await startSimulator({ port: 0, controlPort: 0, seed: "e2e", accountLimitPerMinute: 5_000, ipLimitPerMinute: 10_000 });
    env.EXCHANGE_BASE_URL = sim.url;
    env.SIMULATOR_CONTROL_URL = sim.controlUrl;
    // Tests that set up data through lib/ (the authorization matrix) share the app's settings.
    Object.assign(process.env, TEST_SECRETS, { DATABASE_URL: databaseUrl, EXCHANGE_BASE_URL: sim.url, SIMULATOR_CONTROL_URL: sim.controlUrl, REDIS_URL: "" });
    (await import("@/lib/env")).resetEnvCache();
    app = await startAppServer(env);
    browser = await launchBrowser();
    const running = sim;
    const ctx = { browser: () => browser as Browser, baseUrl: () => (app as AppServer).url };
    const seen: string[] = [];
    registerAuthShellTests(ctx);
    registerVaultTests({ ...ctx, seen, demoKey: (name) => running.demoKeys[name]!.key });
    registerDashboardTests({ ...ctx, seen, demoKey: (name) => running.demoKeys[name]!.key, simUrl: () => running.url, controlUrl: () => running.controlUrl });
    registerAuthzMatrixTest({ baseUrl: ctx.baseUrl, demoKey: (name) => running.demoKeys[name]!.key, controlUrl: () => running.controlUrl });
    registerTeamsTests({ ...ctx, seen, demoKey: (name) => running.demoKeys[name]!.key });
    registerSecurityTests(ctx);
    registerFuzzTest({ baseUrl: ctx.baseUrl, demoKey: (name) => running.demoKeys[name]!.key, root: ROOT, serverAlive: () => (app as AppServer).alive() });
    registerCanaryTest({ ...ctx, demoKey: (name) => running.demoKeys[name]!.key, controlUrl: () => running.controlUrl, seen, secrets: () => Object.values(running.demoKeys).map((k) => k.key), logs: () => (app as AppServer).logs.join(""), databaseUrl, root: ROOT });
    const result = await runCases(filter ?? process.env.E2E_FILTER);
    return { ...result, skipped: false };
  } finally {
    await browser?.close();
    if (app) {
      writeFileSync(path.join(ARTIFACTS, "server.log"), app.logs.join(""));
      await app.stop();
    }
    await sim?.close();
    await (await import("@/lib/db")).disconnectDb().catch(() => undefined);
  }
}

if (require.main === module) {
  const url = process.env.KEYDESK_TEST_DATABASE_URL;
  if (!url) {
    console.error("Set KEYDESK_TEST_DATABASE_URL, or run `npm test`, which prepares a test database.");
    process.exit(2);
  }
  runE2e(url).then((r) => {
    console.log(`e2e: ${r.passed} passed, ${r.failed} failed`);
    process.exit(r.failed ? 1 : 0);
  });
}
