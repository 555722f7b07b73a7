// `npm run dev`: the one command that brings up Keydesk on the embedded defaults.
//   1. development secrets into .env.local (first run),
//   2. embedded PostgreSQL when DATABASE_URL is unset, then migrations,
//   3. the exchange simulator when EXCHANGE_BASE_URL is unset,
//   4. demo data (a demo user and demo keys), then `next dev`.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { readRawEnv } from "@/lib/env";
import { ensureLocalSecrets } from "./local-secrets";
import { startEmbeddedPostgres, type EmbeddedDb } from "./embedded-postgres";
import { runToCompletion, startChild, stopChildren, waitForHttp } from "./processes";

const root = path.resolve(__dirname, "..", "..");
const log = (m: string) => console.log(`[keydesk] ${m}`);
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

async function main() {
  for (const file of [".env.local", ".env"]) {
    if (existsSync(path.join(root, file))) process.loadEnvFile(path.join(root, file));
  }
  const raw = readRawEnv();
  const childEnv: NodeJS.ProcessEnv = { ...raw, NODE_ENV: "development", NEXT_TELEMETRY_DISABLED: "1" };
  Object.assign(childEnv, ensureLocalSecrets(root, raw, log));

  let embedded: EmbeddedDb | undefined;
  if (!raw.DATABASE_URL) {
    embedded = await startEmbeddedPostgres({ rootDir: root, port: Number(raw.KEYDESK_EMBEDDED_PG_PORT ?? 54329), database: "keydesk", log });
    childEnv.DATABASE_URL = embedded.url;
    log("Embedded PostgreSQL is running (data in .data/postgres).");
  } else {
    log("Using the PostgreSQL server from DATABASE_URL.");
  }
  const shutdown = async () => {
    stopChildren();
    await embedded?.stop().catch(() => {});
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);

  log("Applying database migrations…");
  await runToCompletion(bin("prisma"), ["migrate", "deploy"], { cwd: root, env: childEnv, stdio: ["ignore", "ignore", "inherit"] });

  mkdirSync(path.join(root, ".data"), { recursive: true });
  if (!raw.EXCHANGE_BASE_URL) {
    const port = raw.SIMULATOR_PORT ?? "4100";
    const controlPort = raw.SIMULATOR_CONTROL_PORT ?? "4101";
    startChild(bin("tsx"), ["lib/simulator/cli.ts", "--port", port, "--control-port", controlPort, "--seed", "demo", "--key-file", path.join(root, ".data", "simulator-keypair.json")], { cwd: root, env: childEnv, name: "simulator" });
    childEnv.EXCHANGE_BASE_URL = `http://127.0.0.1:${port}/public/v1`;
    childEnv.SIMULATOR_CONTROL_URL = `http://127.0.0.1:${controlPort}`;
    await waitForHttp(`${childEnv.EXCHANGE_BASE_URL}/time`, 30_000);
    log(`Simulated exchange at ${childEnv.EXCHANGE_BASE_URL} (no real exchange is contacted).`);
  }

  await runToCompletion(bin("tsx"), ["--conditions=react-server", "lib/dev/seed.ts"], { cwd: root, env: childEnv });

  const port = raw.PORT ?? "3000";
  const next = startChild(bin("next"), ["dev", "--port", port], { cwd: root, env: childEnv, name: "next" });
  next.on("exit", (code) => {
    void shutdown().then(() => process.exit(code ?? 0));
  });
  log(`Keydesk is starting on http://localhost:${port}`);
}

main().catch((err: unknown) => {
  console.error(`[keydesk] ${err instanceof Error ? err.message : String(err)}`);
  stopChildren();
  process.exit(1);
});
