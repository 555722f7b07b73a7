// Browser tests: build the app, start it (and the simulator when present) on the test
// database, then drive Debian's Chromium at desktop and phone viewports.
import path from "node:path";
import { writeFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { chromiumAvailable, launchBrowser, CHROMIUM_PATH } from "./browser";
import { ARTIFACTS, runCases } from "./harness";
import { E2E_PORT, startAppServer, type AppServer } from "./app-server";
import { registerAuthShellTests } from "./auth-shell.e2e";
import { registerVaultTests } from "./vault.e2e";
import { registerLifecycleTests } from "./lifecycle.e2e";
import { registerCanaryTest } from "./canary.e2e";
import { registerDashboardTests } from "./dashboard.e2e";
import { registerAuthzMatrixTest } from "./authz-matrix.e2e";
import { registerTeamsTests } from "./teams.e2e";
import { registerSecurityTests } from "./security.e2e";
import { registerFuzzTest } from "./fuzz.e2e";
import { registerProdServerTests } from "./prod-server.e2e";
import { registerLockoutTests } from "./lockout.e2e";
import { registerGermanTests } from "./german.e2e";
import { registerFirstPaintTests } from "./first-paint.e2e";
import { registerPortfolioTests } from "./portfolio.e2e";
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { TEST_SECRETS } from "../helpers/test-secrets";
import { buildApp } from "../helpers/build-app";

const ROOT = path.resolve(__dirname, "..", "..");

export async function runE2e(
  databaseUrl: string,
  filter?: string,
): Promise<{ passed: number; failed: number; skipped: boolean }> {
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
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...TEST_SECRETS,
    DATABASE_URL: databaseUrl,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    KEYDESK_REQUIRE_2FA_FOR_TRADE: "false",
    KEYDESK_ALLOW_INSECURE_EXCHANGE: "true",
    KEYDESK_SIGNUP: "open",
    KEYDESK_SIGNUPS_PER_IP_PER_HOUR: "100000",
    // No rebuilt history behind the browser tests' own seeded snapshots (they assert exact
    // figures and ranges): the backfill is covered by tests/integration/portfolio/backfill.test.ts
    // and tests/unit/components/backfill-status.test.tsx.
    KEYDESK_BACKFILL_DAYS: "0",
  };
  console.log("e2e: building the app (next build)…");
  buildApp(ROOT, env);

  let browser: Browser | undefined;
  let app: AppServer | undefined;
  let sim: RunningSimulator | undefined;
  // The dashboard suite runs once more against One Trading Fast: its own simulator (Fast demo
  // accounts) and app server, started only when a Fast test runs.
  let fast: { sim: RunningSimulator; app: AppServer } | undefined;
  try {
    // The tests read the truth straight from the simulator with the same accounts, on top of
    // Keydesk's own (budgeted) traffic: the exchange's limits are raised so those extra reads
    // cannot push an account over. The limits themselves are tested in the integration suites.
    sim = await startSimulator({
      port: 0,
      controlPort: 0,
      seed: "e2e",
      warm: "all",
      accountLimitPerMinute: 5_000,
      ipLimitPerMinute: 10_000,
    });
    env.EXCHANGE_BASE_URL = sim.url;
    env.SIMULATOR_CONTROL_URL = sim.controlUrl;
    // Tests that set up data through lib/ (the authorization matrix) share the app's settings.
    Object.assign(process.env, TEST_SECRETS, {
      DATABASE_URL: databaseUrl,
      EXCHANGE_BASE_URL: sim.url,
      SIMULATOR_CONTROL_URL: sim.controlUrl,
      REDIS_URL: "",
    });
    (await import("@/lib/env")).resetEnvCache();
    app = await startAppServer(env);
    browser = await launchBrowser();
    const running = sim;
    const ctx = { browser: () => browser as Browser, baseUrl: () => (app as AppServer).url };
    const seen: string[] = [];
    registerAuthShellTests(ctx);
    registerVaultTests({ ...ctx, seen, demoKey: (name) => running.demoKeys[name]!.key });
    registerLifecycleTests({ ...ctx, demoKey: (name) => running.demoKeys[name]!.key });
    registerDashboardTests({
      ...ctx,
      seen,
      demoKey: (name) => running.demoKeys[name]!.key,
      simUrl: () => running.url,
      controlUrl: () => running.controlUrl,
    });
    registerFirstPaintTests({
      ...ctx,
      seen,
      demoKey: (name) => running.demoKeys[name]!.key,
      simUrl: () => running.url,
      controlUrl: () => running.controlUrl,
      secrets: () => Object.values(running.demoKeys).map((k) => k.key),
    });
    const startFast = async () => {
      if (fast) return;
      const fsim = await startSimulator({
        port: 0,
        controlPort: 0,
        seed: "e2e-fast",
        dialect: "fast",
        warm: "all",
        accountLimitPerMinute: 5_000,
        ipLimitPerMinute: 10_000,
      });
      fast = {
        sim: fsim,
        app: await startAppServer(
          { ...env, EXCHANGE_BASE_URL: fsim.url, SIMULATOR_CONTROL_URL: fsim.controlUrl },
          E2E_PORT + 1,
        ).catch(async (err: unknown) => {
          await fsim.close();
          throw err;
        }),
      };
    };
    const onFast = () => fast as { sim: RunningSimulator; app: AppServer };
    registerDashboardTests({
      browser: ctx.browser,
      baseUrl: () => onFast().app.url,
      seen,
      dialect: "fast",
      prepare: startFast,
      demoKey: (name) => onFast().sim.demoKeys[name]!.key,
      simUrl: () => onFast().sim.url,
      controlUrl: () => onFast().sim.controlUrl,
    });
    registerAuthzMatrixTest({
      baseUrl: ctx.baseUrl,
      demoKey: (name) => running.demoKeys[name]!.key,
      controlUrl: () => running.controlUrl,
    });
    registerTeamsTests({ ...ctx, seen, demoKey: (name) => running.demoKeys[name]!.key });
    registerSecurityTests(ctx);
    registerLockoutTests(ctx);
    registerGermanTests({ ...ctx, demoKey: (name) => running.demoKeys[name]!.key });
    registerPortfolioTests({ ...ctx, demoKey: (name) => running.demoKeys[name]!.key });
    registerFuzzTest({
      baseUrl: ctx.baseUrl,
      demoKey: (name) => running.demoKeys[name]!.key,
      root: ROOT,
      serverAlive: () => (app as AppServer).alive(),
    });
    registerProdServerTests({
      baseUrl: ctx.baseUrl,
      env: () => env,
      demoKey: (name) => running.demoKeys[name]!.key,
      root: ROOT,
    });
    registerCanaryTest({
      ...ctx,
      demoKey: (name) => running.demoKeys[name]!.key,
      controlUrl: () => running.controlUrl,
      seen,
      secrets: () => Object.values(running.demoKeys).map((k) => k.key),
      logs: () => (app as AppServer).logs.join(""),
      databaseUrl,
      root: ROOT,
    });
    const result = await runCases(filter ?? process.env.E2E_FILTER);
    return { ...result, skipped: false };
  } finally {
    await browser?.close();
    if (app) {
      writeFileSync(path.join(ARTIFACTS, "server.log"), app.logs.join(""));
      await app.stop();
    }
    await sim?.close();
    if (fast) {
      writeFileSync(path.join(ARTIFACTS, "server-fast.log"), fast.app.logs.join(""));
      await fast.app.stop();
      await fast.sim.close();
    }
    await (await import("@/lib/db")).disconnectDb().catch(() => undefined);
  }
}

if (require.main === module) {
  const url = process.env.KEYDESK_TEST_DATABASE_URL;
  if (!url) {
    console.error("Set KEYDESK_TEST_DATABASE_URL, or run `npm test`, which prepares a test database.");
    process.exit(2);
  }
  void runE2e(url).then((r) => {
    console.log(`e2e: ${r.passed} passed, ${r.failed} failed`);
    process.exit(r.failed ? 1 : 0);
  });
}
