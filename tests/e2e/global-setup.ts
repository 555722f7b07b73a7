// Playwright's global setup: build the app, prepare a database of the browser tests' own (the
// integration suites leave keys sealed with other master keys behind), start two simulators and two `npm start` servers (bin/start.ts) on it: Bitpanda Pro and
// One Trading Fast. Tests find them in the state file (./servers.ts); the returned function
// stops them. Server logs stream to files, so the secret canary reads every line of the run.
import { mkdirSync, rmSync } from "node:fs";
import type { FullConfig } from "@playwright/test";
import { startSimulator, type RunningSimulator } from "@/lib/simulator";
import { buildApp } from "../helpers/build-app";
import { prepareTestDatabase } from "../helpers/test-env";
import { TEST_SECRETS } from "../helpers/test-secrets";
import { appEnv, E2E_DB_NAME } from "./app-env";
import { E2E_PORT, startAppServer, type AppServer } from "./app-server";
import { ROOT, RUN_DIR, SEEN_DIR, writeState, type ServersState, type E2eState } from "./servers";

/**
 * The tests read the truth straight from the simulator with the same accounts, on top of
 * Keydesk's own (budgeted) traffic: the exchange's limits are raised so those extra reads cannot
 * push an account over. The limits themselves are tested in the integration suites.
 */
function simulator(seed: string, dialect: "bitpanda" | "fast"): Promise<RunningSimulator> {
  return startSimulator({
    port: 0,
    controlPort: 0,
    seed,
    dialect,
    warm: "all",
    accountLimitPerMinute: 5_000,
    ipLimitPerMinute: 10_000,
  });
}

function stateOf(sim: RunningSimulator, app: AppServer, logFile: string): ServersState {
  return {
    url: app.url,
    simUrl: sim.url,
    controlUrl: sim.controlUrl,
    demoKeys: Object.fromEntries(Object.entries(sim.demoKeys).map(([name, d]) => [name, d.key])),
    logFile,
  };
}

export default async function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  rmSync(RUN_DIR, { recursive: true, force: true });
  mkdirSync(SEEN_DIR, { recursive: true });
  const databaseUrl = process.env.KEYDESK_E2E_DATABASE_URL ?? (await prepareTestDatabase(E2E_DB_NAME));
  const env = appEnv(databaseUrl);
  // `npm test` builds the app while the other suites run (tests/run.ts) and says so here.
  if (process.env.KEYDESK_E2E_SKIP_BUILD !== "1") {
    console.log("e2e: building the app (next build)…");
    buildApp(ROOT, env);
  }
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const [pro, fast] = await Promise.all([simulator("e2e", "bitpanda"), simulator("e2e-fast", "fast")]);
    stops.push(
      () => pro.close(),
      () => fast.close(),
    );
    const proLog = `${RUN_DIR}/server.log`;
    const fastLog = `${RUN_DIR}/server-fast.log`;
    const [proApp, fastApp] = await Promise.all([
      startAppServer(
        {
          ...env,
          EXCHANGE_BASE_URL: pro.url,
          SIMULATOR_CONTROL_URL: pro.controlUrl,
          MARKET_WS_URL_BITPANDA: pro.wsUrls.bitpanda,
        },
        E2E_PORT,
        proLog,
      ),
      startAppServer(
        {
          ...env,
          EXCHANGE_BASE_URL: fast.url,
          SIMULATOR_CONTROL_URL: fast.controlUrl,
          MARKET_WS_URL_FAST: fast.wsUrls.fast,
        },
        E2E_PORT + 1,
        fastLog,
      ),
    ]);
    stops.push(
      () => proApp.stop(),
      () => fastApp.stop(),
    );
    const state: E2eState = {
      databaseUrl,
      pro: stateOf(pro, proApp, proLog),
      fast: stateOf(fast, fastApp, fastLog),
      proPid: proApp.pid ?? null,
    };
    writeState(state);
    // Set-up through lib/ (./lib-call.ts: the authorization matrix, the fuzz run) shares the
    // app's settings; the workers, and the processes they start, inherit this environment.
    Object.assign(process.env, TEST_SECRETS, {
      DATABASE_URL: databaseUrl,
      EXCHANGE_BASE_URL: pro.url,
      SIMULATOR_CONTROL_URL: pro.controlUrl,
      REDIS_URL: "",
      // Set-up calls read no prices: the apps hold the market stream.
      MARKET_STREAM: "false",
      TRADING_STREAM: "false",
      KEYDESK_ALLOW_INSECURE_EXCHANGE: "true",
      KEYDESK_REQUIRE_2FA_FOR_TRADE: "false",
    });
  } catch (err) {
    await stopAll();
    throw err;
  }
  return stopAll;
}
