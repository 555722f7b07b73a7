// `npm run dev`: the one command that brings up Keydesk on the embedded defaults.
//   1. development secrets into .env.local (first run),
//   2. embedded PostgreSQL when DATABASE_URL is unset, then migrations,
//   3. the exchange simulator when EXCHANGE_BASE_URL is unset (One Trading Fast's /fast/v1, or
//      Bitpanda Pro's older /public/v1 with KEYDESK_SIMULATOR_DIALECT=bitpanda),
//   4. demo data (a demo user and demo keys), then `next dev`.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { childProcessEnv } from "@/lib/env";
import { ensureLocalSecrets } from "@/lib/dev/local-secrets";
import { startEmbeddedPostgres, type EmbeddedDb } from "@/lib/dev/embedded-postgres";
import { runToCompletion, simulatorBaseUrl, startChild, stopChildren, waitForHttp } from "@/lib/dev/processes";
import { relyingParty } from "@/lib/passkeys/relying-party";
import { runProgram } from "./program";

runProgram({ name: "keydesk", envFiles: true, onFailure: stopChildren }, async ({ root, settings, log }) => {
  const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
  const dialect = settings.KEYDESK_SIMULATOR_DIALECT;
  const childEnv = childProcessEnv({ NODE_ENV: "development", NEXT_TELEMETRY_DISABLED: "1" });
  Object.assign(childEnv, ensureLocalSecrets(root, settings, log));

  let embedded: EmbeddedDb | undefined;
  if (!settings.DATABASE_URL) {
    embedded = await startEmbeddedPostgres({
      rootDir: root,
      port: settings.KEYDESK_EMBEDDED_PG_PORT,
      database: "keydesk",
      log,
    });
    childEnv.DATABASE_URL = embedded.url;
    log(`Embedded PostgreSQL is running (data in ${embedded.databaseDir}).`);
  } else {
    log("Using the PostgreSQL server from DATABASE_URL.");
  }
  const shutdown = async () => {
    stopChildren();
    await embedded?.stop().catch(() => {});
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());

  log("Applying database migrations…");
  await runToCompletion(bin("prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: childEnv,
    stdio: ["ignore", "ignore", "inherit"],
  });

  mkdirSync(path.join(root, ".data"), { recursive: true });
  if (!settings.EXCHANGE_BASE_URL) {
    const port = String(settings.SIMULATOR_PORT);
    const controlPort = String(settings.SIMULATOR_CONTROL_PORT);
    startChild(
      bin("tsx"),
      [
        "bin/simulator.ts",
        "--port",
        port,
        "--control-port",
        controlPort,
        "--seed",
        "demo",
        "--dialect",
        dialect,
        "--key-file",
        path.join(root, ".data", "simulator-keypair.json"),
      ],
      { cwd: root, env: childEnv, name: "simulator" },
    );
    childEnv.EXCHANGE_BASE_URL = simulatorBaseUrl(port, dialect);
    childEnv.SIMULATOR_CONTROL_URL = `http://127.0.0.1:${controlPort}`;
    await waitForHttp(`${childEnv.EXCHANGE_BASE_URL}/time`, 30_000);
    log(
      `Simulated ${dialect === "fast" ? "One Trading Fast" : "Bitpanda Pro"} exchange at ${childEnv.EXCHANGE_BASE_URL} (no real exchange is contacted).`,
    );
  }

  await runToCompletion(bin("tsx"), ["--conditions=react-server", "bin/seed.ts"], { cwd: root, env: childEnv });

  const port = String(settings.PORT);
  const next = startChild(bin("next"), ["dev", "--port", port], { cwd: root, env: childEnv, name: "next" });
  next.on("exit", (code) => {
    void shutdown().then(() => process.exit(code ?? 0));
  });
  log(`Keydesk is starting on http://localhost:${port}`);
  const rp = relyingParty(settings);
  if (!rp.ok) log(rp.problem);
});
