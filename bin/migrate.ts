// `npm run db:migrate:once`: the container's first step before `npm start`. Refuses bad or
// missing production settings with the same one-line errors as `npm start`, then applies
// pending migrations under an advisory lock (lib/db/migrate-once.ts), so several replicas
// starting together migrate once. Waits up to 60 s for the database to accept connections.
import { getEnv, runAsProduction } from "@/lib/env";
import { migrateOnce } from "@/lib/db/migrate-once";
import { StartupError } from "@/lib/dev/startup-error";
import { runProgram } from "./program";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

runProgram({ name: "migrate" }, async ({ root, log, flag }) => {
  if (!flag("development")) runAsProduction();
  const env = getEnv();
  const url = env.DATABASE_URL as string;
  for (let attempt = 1; ; attempt++) {
    try {
      const r = await migrateOnce({ databaseUrl: url, root, log });
      if (r.waitedMs > 200) log(`waited ${(r.waitedMs / 1000).toFixed(1)} s for another starter's migration`);
      process.exit(0);
    } catch (err) {
      const code = (err as { code?: string }).code;
      const unreachable = code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "57P03";
      if (!unreachable) throw err;
      if (attempt >= 60)
        throw new StartupError(
          `the database at ${new URL(url).host} did not accept connections for 60 s (${code})`,
          "check DATABASE_URL and that PostgreSQL is running",
        );
      await sleep(1_000);
    }
  }
});
