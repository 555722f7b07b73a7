// Prisma CLI configuration (Prisma 6, offline): the WebAssembly schema engine
// talks to PostgreSQL through the pg driver adapter. See lib/db/cli-adapter.ts.
import { defineConfig } from "prisma/config";
import { createCliAdapter } from "./lib/db/cli-adapter";

// The WebAssembly engine leaves a 10 s timer pending after each command; unref long
// timers so the CLI exits as soon as its work is done (1.5 s instead of 11.5 s).
const originalSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((handler: (...a: unknown[]) => void, ms?: number, ...rest: unknown[]) => {
  const timer = originalSetTimeout(handler, ms, ...rest);
  if ((ms ?? 0) >= 5_000) timer.unref?.();
  return timer;
}) as typeof setTimeout;

const url = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/keydesk";
process.env.DATABASE_URL = url;

export default defineConfig({
  schema: "prisma/schema.prisma",
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => createCliAdapter(url),
  migrations: { path: "prisma/migrations" },
});
